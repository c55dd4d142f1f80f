//! `/checkout/delivery`: the address, then the ways the backend can deliver this cart there,
//! each with its price and date range. Bulky goods show their conditions before any choice.

use super::Shown;
use crate::checkout::layout::{CheckoutLayout, Step};
use crate::checkout::quote::QuoteView;
use crate::checkout::state::{CheckoutState, Entries};
use crate::i18n::{I18n, use_i18n};
use crate::ui::intl::{format_date, region_name};
use crate::ui::words::delivery_kind_label;
use crate::ui::{ErrorNotice, ErrorSummary, Loading, MoneyText, PageHeading, TextField};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use vitrina_core::api::{DeliveryKind, DeliveryOption, Quote};

/// Problems with the delivery choice, given the quote's options.
fn choice_errors(entries: &Entries, quote: Option<&Quote>) -> Vec<(&'static str, &'static str)> {
    let Some(quote) = quote else { return Vec::new() };
    if !entries.address_complete() || quote.delivery_options.is_empty() {
        return Vec::new();
    }
    let chosen = entries.delivery_option.as_ref().and_then(|id| quote.delivery_options.iter().find(|o| &o.id == id));
    let Some(option) = chosen else { return vec![("delivery-options", "required")] };
    let mut errors = Vec::new();
    if !option.dates.is_empty() && !entries.delivery_date.as_ref().is_some_and(|d| option.dates.iter().any(|x| &x.to_string() == d)) {
        errors.push(("delivery-date", "required"));
    }
    if !option.time_windows.is_empty() && !entries.time_window.as_ref().is_some_and(|w| option.time_windows.iter().any(|x| &x.id == w)) {
        errors.push(("time-window", "required"));
    }
    if !option.pickup_points.is_empty() && !entries.pickup_point.as_ref().is_some_and(|p| option.pickup_points.iter().any(|x| &x.id == p)) {
        errors.push(("pickup-point", "required"));
    }
    errors
}

/// The backend's address problems, on the app's field ids.
fn server_address_errors(quote: Option<&Quote>) -> Vec<(&'static str, String)> {
    let Some(quote) = quote else { return Vec::new() };
    quote
        .address_errors
        .iter()
        .map(|e| {
            let field = match e.field.as_str() {
                "address.country" => "country",
                "address.city" => "city",
                "address.postcode" => "postcode",
                _ => "address-line",
            };
            (field, e.code.clone())
        })
        .collect()
}

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

#[component]
pub fn DeliveryStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<CheckoutState>();
    // The countries the store ships to, as its description lists them.
    let countries = expect_context::<crate::ui::StoreInfo>().config.countries.clone();
    let cart = expect_context::<crate::checkout::CartStore>();
    let navigate = use_navigate();
    let shown = Shown::new();
    let quote = QuoteView::new(|e, cart_id| {
        let mut draft = e.draft(cart_id);
        draft.payment_method = None;
        draft
    });
    // The options as offered: a new quote (after a time window is picked, say) that offers the
    // same ones leaves their rows, and the keyboard focus in them, where they are.
    let options = Memo::new(move |_| quote.quote.with(|q| q.as_ref().map(|q| q.delivery_options.clone())));
    let city = state.field(|e| &e.city, |e| &mut e.city);
    let line = state.field(|e| &e.line, |e| &mut e.line);
    let postcode = state.field(|e| &e.postcode, |e| &mut e.postcode);

    let errors = Memo::new(move |_| {
        let q = quote.quote.get();
        state.entries.with(|e| {
            let mut errors: Vec<(&'static str, String)> = e.address_errors().into_iter().map(|(f, c)| (f, c.to_owned())).collect();
            if e.address_complete() {
                for (field, code) in server_address_errors(q.as_ref()) {
                    if !errors.iter().any(|(f, _)| *f == field) {
                        errors.push((field, code));
                    }
                }
            }
            errors.extend(choice_errors(e, q.as_ref()).into_iter().map(|(f, c)| (f, c.to_owned())));
            errors
        })
    });
    let message = move |field: &'static str| Signal::derive(move || errors.with(|errs| shown.message(&i18n, errs, field)));
    let proceed = quote.when_settled(move || {
        shown.attempts.update(|n| *n += 1);
        let ready =
            errors.get_untracked().is_empty() && quote.quote.with_untracked(|q| q.as_ref().is_some_and(|q| !q.delivery_options.is_empty()));
        if ready {
            navigate(&Step::Payment.page().href(), Default::default());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        proceed.run(());
    };
    let bulky = move || quote.quote.get().map(|q| q.bulky).or_else(|| cart.cart.get().map(|c| c.bulky)).unwrap_or(false);
    let address_ready = move || state.entries.with(|e| e.address_complete());
    view! {
        <CheckoutLayout step=Step::Delivery quote=quote>
            <PageHeading key="checkout.delivery.title"/>
            <Show when=bulky>
                <section class="notice notice--warning" aria-labelledby="bulky-heading" data-testid="bulky-conditions">
                    <h2 id="bulky-heading">{move || i18n.t("delivery.bulky.title")}</h2>
                    <p>{move || i18n.t("delivery.bulky.intro")}</p>
                    <ul>
                        <li>{move || i18n.t("delivery.bulky.access")}</li>
                        <li>{move || i18n.t("delivery.bulky.lift")}</li>
                        <li>{move || i18n.t("delivery.bulky.carry")}</li>
                    </ul>
                </section>
            </Show>
            <form class="form" novalidate on:submit=on_submit>
                <ErrorSummary entries=Signal::derive(move || errors.with(|errs| shown.summary(&i18n, errs))) attempt=shown.attempts/>
                <fieldset class="fieldset">
                    <legend>{move || i18n.t("delivery.address")}</legend>
                    <div class="field">
                        <label class="field__label" for="country">{move || i18n.t("delivery.country")}</label>
                        <select id="country" class="field__input" autocomplete="country" on:change=move |ev| {
                            let code = event_target_value(&ev);
                            state.entries.update(|e| { e.country = code; e.delivery_option = None; });
                        }>
                            {countries.into_iter().map(|code| view! {
                                <option value=code.clone() selected={let code = code.clone(); move || state.entries.with(|e| e.country == code)}>{let code = code.clone(); move || region_name(&code, i18n.get())}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <TextField id="city" label="delivery.city" value=city error=message("city") autocomplete="address-level2" required=true maxlength=100u32
                        on_blur=move || shown.touch("city")/>
                    <TextField id="address-line" label="delivery.line" hint="delivery.line_hint" value=line error=message("address-line")
                        autocomplete="street-address" required=true maxlength=200u32 on_blur=move || shown.touch("address-line")/>
                    <TextField id="postcode" label="delivery.postcode" value=postcode error=message("postcode") autocomplete="postal-code"
                        inputmode="numeric" required=true maxlength=10u32 on_blur=move || shown.touch("postcode")/>
                </fieldset>
                <fieldset class="fieldset" id="delivery-options" tabindex="-1" aria-describedby="delivery-options-error">
                    <legend>{move || i18n.t("delivery.method")}</legend>
                    {move || {
                        if !address_ready() {
                            return view! { <p class="muted">{i18n.t("delivery.address_first")}</p> }.into_any();
                        }
                        if let Some(e) = quote.error.get() {
                            return view! { <ErrorNotice error=e on_retry=move || quote.retry()/> }.into_any();
                        }
                        match options.get() {
                            None if quote.loading() => view! { <Loading/> }.into_any(),
                            None => ().into_any(),
                            Some(options) if options.is_empty() => view! { <p>{i18n.t("delivery.none")}</p> }.into_any(),
                            Some(options) => options.into_iter().map(|option| view! { <DeliveryOptionRow option=option/> }).collect_view().into_any(),
                        }
                    }}
                    {move || message("delivery-options").get().filter(|_| shown.attempts.get() > 0).map(|m| view! { <p class="field__error" id="delivery-options-error">{m}</p> })}
                </fieldset>
                <div class="form__actions">
                    <button type="submit" class="button button--primary">{move || i18n.t("checkout.delivery.continue")}</button>
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
    let state = expect_context::<CheckoutState>();
    let id = option.id.clone();
    let chosen = {
        let id = id.clone();
        Memo::new(move |_| state.entries.with(|e| e.delivery_option.as_deref() == Some(id.as_str())))
    };
    let input_id = format!("delivery-{}", option.id);
    let choose = {
        let option = option.clone();
        move |_| {
            let option = option.clone();
            state.entries.update(|e| {
                if e.delivery_option.as_deref() != Some(option.id.as_str()) {
                    e.delivery_option = Some(option.id.clone());
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
            <input type="radio" name="delivery-option" id=input_id.clone() value=id prop:checked=move || chosen.get() on:change=choose/>
            <label for=input_id class="choice__label">
                <span class="choice__title">{move || delivery_kind_label(&i18n, kind)} " · " {option.carrier.clone()}</span>
                <span class="choice__price">{if option.price.is_zero() { view! { <span>{move || i18n.t("totals.free")}</span> }.into_any() } else { view! { <MoneyText money=option.price.clone()/> }.into_any() }}</span>
                <span class="choice__meta">{range}</span>
            </label>
            <Show when=move || chosen.get()>
                <OptionDetails option=details.clone()/>
            </Show>
        </div>
    }
}

#[component]
fn OptionDetails(option: DeliveryOption) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<CheckoutState>();
    let dates = option.dates.clone();
    let windows = option.time_windows.clone();
    let points = option.pickup_points.clone();
    view! {
        <div class="choice__details">
            {(!dates.is_empty()).then(|| view! {
                <div class="field">
                    <label class="field__label" for="delivery-date">{move || i18n.t("delivery.day")}</label>
                    <select id="delivery-date" class="field__input" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        state.entries.update(|e| e.delivery_date = Some(value));
                    }>
                        {dates.iter().map(|d| {
                            let value = d.to_string();
                            let selected = { let value = value.clone(); move || state.entries.with(|e| e.delivery_date.as_deref() == Some(value.as_str())) };
                            let label = { let value = value.clone(); move || format_date(&value, i18n.get(), "full") };
                            view! { <option value=value selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
            })}
            {(!windows.is_empty()).then(|| view! {
                <fieldset class="fieldset fieldset--inline" id="time-window" tabindex="-1">
                    <legend>{move || i18n.t("delivery.time_window")}</legend>
                    {windows.iter().map(|w| {
                        let id = w.id.clone();
                        let input_id = format!("window-{}", w.id);
                        let checked = { let id = id.clone(); move || state.entries.with(|e| e.time_window.as_deref() == Some(id.as_str())) };
                        view! {
                            <span class="radio">
                                <input type="radio" name="time-window" id=input_id.clone() prop:checked=checked
                                    on:change=move |_| state.entries.update(|e| e.time_window = Some(id.clone()))/>
                                <label for=input_id>{format!("{}–{}", w.from, w.to)}</label>
                            </span>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            {(!points.is_empty()).then(|| view! {
                <fieldset class="fieldset" id="pickup-point" tabindex="-1">
                    <legend>{move || i18n.t("delivery.point")}</legend>
                    {points.iter().map(|p| {
                        let id = p.id.clone();
                        let input_id = format!("point-{}", p.id);
                        let checked = { let id = id.clone(); move || state.entries.with(|e| e.pickup_point.as_deref() == Some(id.as_str())) };
                        let days = i64::from(p.storage_days);
                        view! {
                            <div class="choice choice--nested">
                                <input type="radio" name="pickup-point" id=input_id.clone() prop:checked=checked
                                    on:change=move |_| state.entries.update(|e| e.pickup_point = Some(id.clone()))/>
                                <label for=input_id class="choice__label">
                                    <span class="choice__title">{p.name.clone()}</span>
                                    <span class="choice__meta">{p.address.clone()}</span>
                                    <span class="choice__meta">{move || i18n.t("delivery.hours")} ": " {p.opening_hours.clone()}</span>
                                    <span class="choice__meta">{move || i18n.tp("delivery.storage", days)}</span>
                                </label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            })}
        </div>
    }
}
