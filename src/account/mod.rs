//! Signing in: the session every page can ask about, the sign-in page, and the header's
//! account link.
//!
//! The session cookie is `HttpOnly`: the app never sees it, and learns who is signed in from
//! `GET /api/session` when it starts and after signing in or out.

use crate::api::{Api, ApiError};
use crate::areas::Route;
use crate::i18n::use_i18n;
use crate::router::{A, use_address, use_location, use_navigate};
use crate::ui::{ErrorSummary, FormField, PageHeading, SummaryEntry, TextInput, Touched, error_text, field_code_words, focus_element};
use leptos::prelude::*;
use leptos::task::spawn_local;
use vitrina_core::api::{Account, SessionState, SignIn};
use vitrina_core::contact::Viewer;
use vitrina_core::routes::{Page, Pattern, safe_return_path};
use vitrina_core::{FieldCode, ProblemKind};

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
pub const ROUTES: &[Route] = &[(Pattern::SignIn, || view! { <SignInPage/> }.into_any())];

/// Who the page as sent said is signed in (the server writes it for a signed-in browser's
/// session): the header says so until the app has asked itself, instead of "Sign in".
#[derive(Clone, Debug, Default)]
pub struct SentAccount(Option<String>);

impl SentAccount {
    /// Read from the page's static header, before the app takes its place.
    pub fn read() -> Self {
        let name = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("#app > [data-shell] [data-account] .account-nav__name").ok().flatten())
            .and_then(|e| e.text_content());
        SentAccount(name)
    }
}

/// The header's account link: "Sign in", or the account's name with "Sign out".
#[component]
pub fn AccountNav() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let sent = use_context::<SentAccount>().unwrap_or_default().0;
    let location = use_location();
    let here = move || location.with(|l| l.href());
    // Still signed in when it fails: say so, and the button stays to try again.
    let sign_out = Action::new_local(move |()| session.sign_out());
    let failure = move || sign_out.value().get().and_then(Result::err);
    view! {
        <div class="account-nav">
            {move || match session.account.with(|a| a.as_ref().map(|a| a.shown_name().to_owned())).or_else(|| {
                // Until the session has answered, whom the page as sent named.
                sent.clone().filter(|_| !session.loaded.get())
            }) {
                Some(name) => {
                    view! {
                        <span class="account-nav__name">{name}</span>
                        <button type="button" class="button button--link account-nav__out" disabled=move || sign_out.pending().get()
                            on:click=move |_| {
                                sign_out.clear();
                                sign_out.dispatch_local(());
                            }>{i18n.text("account.sign_out")}</button>
                    }.into_any()
                }
                None => view! { <A href=move || Page::SignIn { return_to: here() }.href()>{i18n.text("account.sign_in")}</A> }.into_any(),
            }}
            {move || failure().map(|e| view! {
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
    // Where to go afterwards, as the address says (checked by `safe_return_path`).
    let asked = use_address(|page| match page {
        Page::SignIn { return_to } => Some(return_to.clone()),
        _ => None,
    });
    let return_to = Memo::new(move |_| asked.with(|r| safe_return_path(Some(r))));

    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let touched = Touched::new();
    // What was missing at the last attempt.
    let missing = RwSignal::new(Vec::<&'static str>::new());
    let sign_in = Action::new_local(move |credentials: &SignIn| {
        let api = api.clone();
        let credentials = credentials.clone();
        async move {
            let result = api.sign_in(&credentials).await;
            match &result {
                Ok(state) => {
                    session.set(state.clone());
                    password.try_set(String::new());
                    // The page may be gone by now; then it is left alone.
                    if let Some(path) = return_to.try_get_untracked() {
                        navigate.replace(&path);
                    }
                }
                Err(e) => {
                    touched.attempt();
                    if e.problem_kind() == Some(ProblemKind::InvalidCredentials) {
                        focus_element("sign-in-email");
                    }
                }
            }
            result
        }
    });
    let failure = move || sign_in.value().get().and_then(Result::err);

    let error_of = move |field: &'static str| {
        Signal::derive(move || missing.with(|m| m.contains(&field)).then(|| field_code_words(&i18n, FieldCode::Required)))
    };
    let summary = Signal::derive(move || {
        let mut entries: Vec<SummaryEntry> = missing
            .get()
            .into_iter()
            .map(|field| SummaryEntry { field_id: format!("sign-in-{field}"), message: field_code_words(&i18n, FieldCode::Required) })
            .collect();
        if let Some(e) = failure()
            && e.problem_kind() == Some(ProblemKind::InvalidCredentials)
        {
            entries.push(SummaryEntry { field_id: "sign-in-email".into(), message: i18n.t("account.wrong_credentials") });
        }
        entries
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sign_in.pending().get_untracked() {
            return;
        }
        sign_in.clear();
        let mut absent = Vec::new();
        if email.with_untracked(|e| e.trim().is_empty()) {
            absent.push("email");
        }
        if password.with_untracked(String::is_empty) {
            absent.push("password");
        }
        missing.set(absent);
        touched.attempt();
        if !missing.with_untracked(Vec::is_empty) {
            return;
        }
        // Sign-in e-mails (a new device, a reset) go out in the language the shopper reads.
        let locale = Some(i18n.locale.get_untracked().tag().to_owned());
        sign_in.dispatch_local(SignIn { email: email.get_untracked().trim().to_owned(), password: password.get_untracked(), locale });
    };
    let busy = move || sign_in.pending().get();

    view! {
        <section class="page page--narrow sign-in">
            <PageHeading key="sign_in.title"/>
            {move || session.account.get().map(|account| view! {
                <div class="notice notice--info" role="status">
                    <p>{i18n.tf("account.signed_in_as", &[("email", &account.email)])}</p>
                    <A href=move || return_to.get()>{i18n.text("account.continue")}</A>
                </div>
            })}
            <form class="form" novalidate on:submit=submit>
                <ErrorSummary entries=summary attempt=touched.attempts()/>
                <FormField id="sign-in-email" label="account.email" error=error_of("email") required=true>
                    <TextInput value=email input_type="email" autocomplete="username" inputmode="email" maxlength=254/>
                </FormField>
                <FormField id="sign-in-password" label="account.password" error=error_of("password") required=true>
                    <TextInput value=password input_type="password" autocomplete="current-password" maxlength=200/>
                </FormField>
                {move || failure().filter(|e| e.problem_kind() != Some(ProblemKind::InvalidCredentials)).map(|e| view! {
                    <div class="notice notice--error" role="alert"><p>{error_text(&i18n, &e)}</p></div>
                })}
                <button type="submit" class="button button--primary" disabled=busy>
                    {move || if busy() { i18n.t("account.signing_in") } else { i18n.t("account.sign_in") }}
                </button>
            </form>
            <Show when=move || demo>
                <p class="muted sign-in__demo">{i18n.text("account.demo_accounts")}</p>
            </Show>
        </section>
    }
}
