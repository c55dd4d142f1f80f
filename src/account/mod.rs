//! Signing in: the session every page can ask about, the sign-in page, and the header's
//! account link.
//!
//! The session cookie is `HttpOnly`: the app never sees it, and learns who is signed in from
//! `GET /api/session` when it starts and after signing in or out.

use crate::api::{Api, ApiError};
use crate::areas::RoutePath;
use crate::i18n::use_i18n;
use crate::ui::{ErrorSummary, PageHeading, SummaryEntry, TextField, error_text, focus_element};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Route};
use leptos_router::hooks::{use_location, use_navigate, use_query};
use leptos_router::params::Params;
use vitrina_core::ProblemKind;
use vitrina_core::api::{Account, SessionState, SignIn};
use vitrina_core::contact::Viewer;
use vitrina_core::routes::{Page, Pattern, safe_return_path};

/// Who is signed in on this browser, for the whole app.
#[derive(Clone, Copy)]
pub struct Session {
    /// The signed-in account; `None` when nobody is (or before `loaded`).
    pub account: RwSignal<Option<Account>>,
    /// Whether the backend has answered at least once (or failed to).
    pub loaded: RwSignal<bool>,
    /// Why the backend could not say who is signed in, the last time it was asked.
    pub error: RwSignal<Option<ApiError>>,
    api: StoredValue<Api>,
}

impl Session {
    pub fn new(api: Api) -> Self {
        Session { account: RwSignal::new(None), loaded: RwSignal::new(false), error: RwSignal::new(None), api: StoredValue::new(api) }
    }

    /// Asks the backend who is signed in. A failure leaves the app working as signed out; a page
    /// that needs the account (the seller's editor) explains it from [`Session::error`].
    pub fn load(self) {
        let api = self.api.get_value();
        spawn_local(async move {
            match api.session().await {
                Ok(state) => self.set(state),
                Err(e) => {
                    self.error.set(Some(e));
                    self.loaded.set(true);
                }
            }
        });
    }

    pub fn set(self, state: SessionState) {
        self.account.set(state.account);
        self.error.set(None);
        self.loaded.set(true);
    }

    /// The shopper as the contact rules see them (tracked).
    pub fn viewer(self) -> Viewer {
        self.account.with(|a| Viewer::of(a.as_ref()))
    }

    pub async fn sign_out(self) -> Result<(), ApiError> {
        let state = self.api.get_value().sign_out().await?;
        self.set(state);
        Ok(())
    }
}

/// The app's [`Session`].
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The sign-in page.
#[component(transparent)]
pub fn AccountRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! { <Route path=RoutePath(Pattern::SignIn) view=SignInPage/> }.into_inner()
}

/// The sign-in page's query: where to go afterwards (checked by `safe_return_path`).
#[derive(Params, Clone, Debug, PartialEq)]
pub struct SignInQuery {
    pub r#return: Option<String>,
}

/// The header's account link: "Sign in", or the account's name with "Sign out".
#[component]
pub fn AccountNav() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let location = use_location();
    let here = move || {
        let path = location.pathname.get();
        let query = location.search.get();
        if query.is_empty() { path } else { format!("{path}?{}", query.trim_start_matches('?')) }
    };
    let signing_out = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    view! {
        <div class="account-nav">
            {move || match session.account.get() {
                Some(account) => {
                    let name = if account.display_name.is_empty() { account.email.clone() } else { account.display_name.clone() };
                    view! {
                        <span class="account-nav__name">{name}</span>
                        <button type="button" class="button button--link account-nav__out" disabled=move || signing_out.get()
                            on:click=move |_| {
                                signing_out.set(true);
                                failure.set(None);
                                spawn_local(async move {
                                    // Still signed in when it fails: say so, and the button stays to try again.
                                    let result = session.sign_out().await;
                                    failure.try_set(result.err());
                                    signing_out.try_set(false);
                                });
                            }>{move || i18n.t("account.sign_out")}</button>
                    }.into_any()
                }
                None => view! { <A href=move || Page::SignIn { return_to: here() }.href()>{move || i18n.t("account.sign_in")}</A> }.into_any(),
            }}
            {move || failure.get().map(|e| view! {
                <p class="account-nav__error" role="alert">{i18n.tf("account.sign_out_failed", &[("reason", &error_text(&i18n, &e))])}</p>
            })}
        </div>
    }
}

/// `/sign-in`: email and password; afterwards, back where the shopper came from.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    // Demo accounts exist only in a store that says it is a demo.
    let demo = use_context::<crate::ui::StoreInfo>().is_some_and(|s| s.config.demo);
    let session = use_session();
    let api = expect_context::<Api>();
    let navigate = use_navigate();
    let query = use_query::<SignInQuery>();
    let return_to = Memo::new(move |_| query.with(|q| safe_return_path(q.as_ref().ok().and_then(|q| q.r#return.as_deref()))));

    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let attempt = RwSignal::new(0u32);
    let field_errors = RwSignal::new(Vec::<(String, String)>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let error_of = move |field: &'static str| {
        Signal::derive(move || field_errors.with(|errs| errs.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone())))
    };
    let summary = Signal::derive(move || {
        let mut entries: Vec<SummaryEntry> =
            field_errors.get().into_iter().map(|(field, message)| SummaryEntry { field_id: format!("sign-in-{field}"), message }).collect();
        if let Some(e) = failure.get()
            && e.problem_kind() == Some(ProblemKind::InvalidCredentials)
        {
            entries.push(SummaryEntry { field_id: "sign-in-email".into(), message: i18n.t("account.wrong_credentials") });
        }
        entries
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        let mut errors = Vec::new();
        if email.get_untracked().trim().is_empty() {
            errors.push(("email".to_owned(), i18n.t("validation.required")));
        }
        if password.get_untracked().is_empty() {
            errors.push(("password".to_owned(), i18n.t("validation.required")));
        }
        field_errors.set(errors.clone());
        attempt.update(|n| *n += 1);
        if !errors.is_empty() {
            return;
        }
        busy.set(true);
        let api = api.clone();
        let navigate = navigate.clone();
        let credentials = SignIn { email: email.get_untracked().trim().to_owned(), password: password.get_untracked() };
        spawn_local(async move {
            match api.sign_in(&credentials).await {
                Ok(state) => {
                    session.set(state);
                    password.set(String::new());
                    if let Some(path) = return_to.try_get_untracked() {
                        navigate(&path, NavigateOptions { replace: true, ..Default::default() });
                    }
                }
                Err(e) => {
                    let wrong = e.problem_kind() == Some(ProblemKind::InvalidCredentials);
                    failure.set(Some(e));
                    attempt.update(|n| *n += 1);
                    if wrong {
                        focus_element("sign-in-email");
                    }
                }
            }
            busy.set(false);
        });
    };

    view! {
        <section class="page page--narrow sign-in">
            <PageHeading key="sign_in.title"/>
            {move || session.account.get().map(|account| view! {
                <div class="notice notice--info" role="status">
                    <p>{i18n.tf("account.signed_in_as", &[("email", &account.email)])}</p>
                    <A href=move || return_to.get()>{move || i18n.t("account.continue")}</A>
                </div>
            })}
            <form class="form" novalidate on:submit=submit>
                <ErrorSummary entries=summary attempt=attempt/>
                <TextField id="sign-in-email" label="account.email" value=email error=error_of("email")
                    input_type="email" autocomplete="username" inputmode="email" required=true maxlength=254/>
                <TextField id="sign-in-password" label="account.password" value=password error=error_of("password")
                    input_type="password" autocomplete="current-password" required=true maxlength=200/>
                {move || failure.get().filter(|e| e.problem_kind() != Some(ProblemKind::InvalidCredentials)).map(|e| view! {
                    <div class="notice notice--error" role="alert"><p>{error_text(&i18n, &e)}</p></div>
                })}
                <button type="submit" class="button button--primary" disabled=move || busy.get()>
                    {move || if busy.get() { i18n.t("account.signing_in") } else { i18n.t("account.sign_in") }}
                </button>
            </form>
            <Show when=move || demo>
                <p class="muted sign-in__demo">{move || i18n.t("account.demo_accounts")}</p>
            </Show>
        </section>
    }
}
