//! `/checkout/delivery`: where (the place fields of the country's format: a city or a postcode
//! is enough), then every way the backend can bring this cart there, each with its price and
//! date range; a courier then asks for the street address the country's format needs and an
//! optional note, a pickup point, locker or shop lists the points of that place (with a filter)
//! and asks for no home address. Bulky goods show their conditions before any choice.

use super::{field_id, message, summary};
use crate::checkout::address_form::{PlaceFields, StreetFields, chosen_format, postcode_fits};
use crate::checkout::layout::{CheckoutLayout, Step};
use crate::checkout::quote::QuoteView;
use crate::checkout::state::CheckoutState;
use crate::i18n::{I18n, use_i18n};
use crate::router::use_navigate;
use crate::ui::intl::format_date;
use crate::ui::words::{delivery_kind_label, id_document_label};
use crate::ui::{
    ErrorNotice, ErrorSummary, FieldLayout, FormField, Loading, Model, MoneyText, PageHeading, Radio, Select, TextArea, TextInput, Touched,
};
use leptos::prelude::*;
use vitrina_core::api::{DeliveryKind, DeliveryOption, PickupPoint};
use vitrina_core::checkout::entries::EntriesStoreFields;
use vitrina_core::checkout::entries::MAX_COURIER_NOTE_CHARS;
use vitrina_core::checkout::{EntryErrors, EntryField};
use vitrina_core::text::lowercase;

/// "Arrives 20 Nov – 24 Nov" or "Ready for pickup …".
pub(crate) fn date_range_text(i18n: &I18n, option: &DeliveryOption) -> String {
    let locale = i18n.get();
    let from = format_date(&option.earliest.to_string(), locale, "medium");
    let to = format_date(&option.latest.to_string(), locale, "medium");
    let collect = !matches!(option.kind, DeliveryKind::Courier | DeliveryKind::Unknown);
    match (collect, option.earliest == option.latest) {
        (false, true) => i18n.tf("delivery.arrives_on", &[("date", &from)]),
        (false, false) => i18n.tf("delivery.arrives_between", &[("from", &from), ("to", &to)]),
        (true, true) => i18n.tf("delivery.ready_on", &[("date", &from)]),
        (true, false) => i18n.tf("delivery.ready_between", &[("from", &from), ("to", &to)]),
    }
}

/// The step's field messages, for the fields inside a chosen option too.
#[derive(Clone, Copy)]
struct Messages {
    errors: Memo<EntryErrors>,
    touched: Touched,
}

impl Messages {
    /// What is wrong with `field`, when it shows (tracked).
    fn of(self, field: EntryField) -> Signal<Option<String>> {
        let i18n = use_i18n();
        Signal::derive(move || self.errors.with(|errs| message(&i18n, self.touched, errs, field)))
    }

    /// To call when `field` is left.
    fn left(self, field: EntryField) -> Callback<()> {
        self.touched.on_blur(field_id(field))
    }
}

/// The delivery step's form.
#[component]
pub fn DeliveryStep() -> impl IntoView {
    let i18n = use_i18n();
    let entries = expect_context::<CheckoutState>().entries;
    let cart = expect_context::<crate::checkout::CartStore>();
    let navigate = use_navigate();
    let touched = Touched::new();
    let quote = QuoteView::new(|e, cart_id| {
        let mut draft = e.draft(cart_id);
        draft.payment_method = None;
        draft
    });
    // The options as offered: a new quote (after a time window is picked, say) that offers the
    // same ones leaves their rows, and the keyboard focus in them, where they are.
    let options = Memo::new(move |_| quote.quote.with(|q| q.as_ref().map(|q| q.delivery_options.clone())));
    let format = chosen_format();
    let errors =
        Memo::new(move |_| quote.quote.with(|q| format.with(|f| entries.with(|e| e.delivery_errors(q.as_ref(), f, postcode_fits)))));
    let messages = Messages { errors, touched };
    provide_context(messages);
    let error = move |field: EntryField| messages.of(field);
    let proceed = quote.when_settled(move || {
        touched.attempt();
        let ready = errors.with_untracked(Vec::is_empty)
            && quote.quote.with_untracked(|q| q.as_ref().is_some_and(|q| !q.delivery_options.is_empty()));
        if ready {
            navigate.push(&Step::Payment.page().href());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        proceed.run(());
    };
    let bulky = move || quote.quote.get().map(|q| q.bulky).or_else(|| cart.cart.get().map(|c| c.bulky)).unwrap_or(false);
    // A memo: the options below are rebuilt when the place becomes known or unknown, not on
    // every key typed into a field of theirs (which would take the field away from under the
    // keyboard).
    let place_ready = Memo::new(move |_| entries.with(|e| e.place_known()));
    // Likewise the failure: a memo, so an answer that leaves it as it was (none) does not rebuild
    // the options, which would take away the field or radio under the shopper's keyboard or
    // pointer and the choice being made in it.
    let failure = Memo::new(move |_| quote.error.get());
    // The choice's message shows only after "Continue" (not when merely leaving a radio).
    let choice_error = Signal::derive(move || error(EntryField::DeliveryOption).get().filter(|_| touched.submitted()));
    view! {
        <CheckoutLayout step=Step::Delivery quote=quote>
            <PageHeading key="checkout.delivery.title"/>
            <Show when=bulky>
                <section class="notice notice--warning" aria-labelledby="bulky-heading" data-testid="bulky-conditions">
                    <h2 id="bulky-heading">{i18n.text("delivery.bulky.title")}</h2>
                    <p>{i18n.text("delivery.bulky.intro")}</p>
                    <ul>
                        <li>{i18n.text("delivery.bulky.access")}</li>
                        <li>{i18n.text("delivery.bulky.lift")}</li>
                        <li>{i18n.text("delivery.bulky.carry")}</li>
                    </ul>
                </section>
            </Show>
            <form class="form" novalidate on:submit=on_submit>
                <ErrorSummary entries=Signal::derive(move || errors.with(|errs| summary(&i18n, touched, errs))) attempt=touched.attempts()/>
                <PlaceFields errors=errors touched=touched/>
                <FormField id="delivery-options" name="delivery-option" label="delivery.method" layout=FieldLayout::Group error=choice_error>
                    {move || {
                        if !place_ready.get() {
                            return view! { <p class="muted">{i18n.t("delivery.address_first")}</p> }.into_any();
                        }
                        if let Some(e) = failure.get() {
                            return view! { <ErrorNotice error=e on_retry=move || quote.retry()/> }.into_any();
                        }
                        match options.get() {
                            None if quote.loading() => view! { <Loading/> }.into_any(),
                            None => ().into_any(),
                            Some(options) if options.is_empty() => view! { <p>{i18n.t("delivery.none")}</p> }.into_any(),
                            Some(options) => options.into_iter().map(|option| view! { <DeliveryOptionRow option=option/> }).collect_view().into_any(),
                        }
                    }}
                </FormField>
                <div class="form__actions">
                    <button type="submit" class="button button--primary">{i18n.text("checkout.delivery.continue")}</button>
                </div>
            </form>
        </CheckoutLayout>
    }
}

/// One delivery option: a radio with price and dates; when chosen, its day and time window, or
/// its pickup points.
#[component]
fn DeliveryOptionRow(option: DeliveryOption) -> impl IntoView {
    let i18n = use_i18n();
    let entries = expect_context::<CheckoutState>().entries;
    let id = option.id.clone();
    let chosen = {
        let id = id.clone();
        Memo::new(move |_| entries.delivery_option().with(|chosen| chosen.as_deref() == Some(id.as_str())))
    };
    let input_id = format!("delivery-{}", option.id);
    let choose = {
        let option = option.clone();
        move || {
            let option = option.clone();
            entries.update(|e| {
                if e.delivery_option.as_deref() != Some(option.id.as_str()) {
                    e.delivery_option = Some(option.id.clone());
                    e.delivery_kind = Some(option.kind);
                    e.delivery_date = option.dates.first().map(|d| d.to_string());
                    e.time_window = None;
                    e.pickup_point = (option.pickup_points.len() == 1).then(|| option.pickup_points[0].id.clone());
                    // Payment on delivery depends on the method; choose again.
                    e.payment_method = None;
                }
            });
        }
    };
    let range = {
        let option = option.clone();
        move || date_range_text(&i18n, &option)
    };
    let kind = option.kind;
    let details = option.clone();
    view! {
        <div class="choice" class:choice--selected=move || chosen.get() data-testid="delivery-option">
            <Radio id=input_id.clone() value=id checked=chosen on_select=choose/>
            <label for=input_id class="choice__label">
                <span class="choice__title">{move || delivery_kind_label(&i18n, kind)} " · " {option.carrier.clone()}</span>
                <span class="choice__price">{if option.price.is_zero() { view! { <span>{i18n.text("totals.free")}</span> }.into_any() } else { view! { <MoneyText money=option.price.clone()/> }.into_any() }}</span>
                <span class="choice__meta">{range}</span>
            </label>
            <Show when=move || chosen.get()>
                <OptionDetails option=details.clone()/>
            </Show>
        </div>
    }
}

/// What the chosen option asks for: for a courier the street, a note, a day and a time window;
/// for collecting, a point of the place (filtered by street or name); and who may be asked for
/// which identity document.
#[component]
fn OptionDetails(option: DeliveryOption) -> impl IntoView {
    let i18n = use_i18n();
    let entries = expect_context::<CheckoutState>().entries;
    let messages = expect_context::<Messages>();
    let dates: Vec<String> = option.dates.iter().map(|d| d.to_string()).collect();
    let windows = option.time_windows.clone();
    let points = option.pickup_points.clone();
    let day = Model::new(move || entries.delivery_date().get().unwrap_or_default(), move |d| entries.delivery_date().set(Some(d)));
    let courier = option.kind == DeliveryKind::Courier;
    let documents: Vec<String> = option.id_documents.iter().map(|d| id_document_label(&i18n, *d)).collect();
    view! {
        <div class="choice__details">
            {courier.then(|| view! {
                <StreetFields errors=messages.errors touched=messages.touched/>
                <FormField id="courier-note" label="delivery.note" hint="delivery.note_hint" optional=true
                    error=messages.of(EntryField::CourierNote) on_blur=messages.left(EntryField::CourierNote)>
                    <TextArea value=entries.courier_note() rows=2 maxlength=MAX_COURIER_NOTE_CHARS as u32/>
                </FormField>
            })}
            {(!dates.is_empty()).then(|| view! {
                <FormField id="delivery-date" label="delivery.day">
                    <Select value=day options=dates label=move |d: String| format_date(&d, i18n.get(), "full")/>
                </FormField>
            })}
            {(!windows.is_empty()).then(|| view! {
                <FormField id="time-window" name="time-window" label="delivery.time_window" layout=FieldLayout::Group class="fieldset fieldset--inline">
                    {windows.iter().map(|w| {
                        let id = w.id.clone();
                        let input_id = format!("window-{}", w.id);
                        let checked = { let id = id.clone(); Signal::derive(move || entries.time_window().with(|t| t.as_deref() == Some(id.as_str()))) };
                        view! {
                            <span class="radio">
                                <Radio id=input_id.clone() checked=checked on_select=move || entries.time_window().set(Some(id.clone()))/>
                                <label for=input_id>{format!("{}–{}", w.from, w.to)}</label>
                            </span>
                        }
                    }).collect_view()}
                </FormField>
            })}
            {(!points.is_empty()).then(|| view! { <PointChoice points=points.clone()/> })}
            {(!documents.is_empty()).then(|| view! {
                <p class="muted" data-testid="id-documents">{i18n.tf("order.id_documents", &[("documents", &documents.join(", "))])}</p>
            })}
        </div>
    }
}

/// Whether a point's name or address holds `filter` (any case).
fn point_matches(point: &PickupPoint, filter: &str) -> bool {
    let filter = lowercase(filter.trim());
    filter.is_empty() || lowercase(&point.name).contains(&filter) || lowercase(&point.address).contains(&filter)
}

/// The points of the place to collect from, with a filter by street or name when there are
/// several; each with its address, hours, storage period and, for a locker, how soon a problem
/// must be reported.
#[component]
fn PointChoice(
    /// The option's points.
    points: Vec<PickupPoint>,
) -> impl IntoView {
    let i18n = use_i18n();
    let entries = expect_context::<CheckoutState>().entries;
    let filter = RwSignal::new(String::new());
    let several = points.len() > 1;
    let all = points.clone();
    let shown = Memo::new(move |_| filter.with(|f| all.iter().filter(|p| point_matches(p, f)).cloned().collect::<Vec<_>>()));
    view! {
        {several.then(|| view! {
            <FormField id="point-filter" label="delivery.point_filter" optional=true>
                <TextInput value=filter autocomplete="off"/>
            </FormField>
        })}
        <FormField id="pickup-point" name="pickup-point" label="delivery.point" layout=FieldLayout::Group>
            {move || {
                let shown = shown.get();
                if shown.is_empty() {
                    return view! { <p class="muted" role="status">{i18n.t("delivery.point_filter_none")}</p> }.into_any();
                }
                shown.into_iter().map(|p| {
                    let id = p.id.clone();
                    let input_id = format!("point-{}", p.id);
                    let checked = { let id = id.clone(); Signal::derive(move || entries.pickup_point().with(|t| t.as_deref() == Some(id.as_str()))) };
                    let days = i64::from(p.storage_days);
                    let report = p.report_problems_within_hours.map(i64::from);
                    view! {
                        <div class="choice choice--nested">
                            <Radio id=input_id.clone() checked=checked on_select=move || entries.pickup_point().set(Some(id.clone()))/>
                            <label for=input_id class="choice__label">
                                <span class="choice__title">{p.name.clone()}</span>
                                <span class="choice__meta">{p.address.clone()}</span>
                                <span class="choice__meta">{i18n.text("delivery.hours")} ": " {p.opening_hours.clone()}</span>
                                <span class="choice__meta">{move || i18n.tp("delivery.storage", days)}</span>
                                {report.map(|hours| view! { <span class="choice__meta" data-testid="locker-report">{move || i18n.tp("delivery.locker_report", hours)}</span> })}
                            </label>
                        </div>
                    }
                }).collect_view().into_any()
            }}
        </FormField>
    }
}
