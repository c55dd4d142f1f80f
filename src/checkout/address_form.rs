//! The delivery address as the chosen country writes it: the fields of the country's format
//! (from the store's description), in its order, under its names (oblast or state; postcode,
//! PSČ or ZIP), with a real postcode of the country as the hint. The place (country, region,
//! city, postcode) comes first, since the ways to receive depend on it; the street only once a
//! courier is chosen. The same format checks what is typed ([`Entries::address_errors_by`]), as
//! the backend does: a courier needs every field it requires, a pickup shopper only the place.

use super::state::CheckoutState;
use super::steps::{field_id, message};
use crate::i18n::use_i18n;
use crate::ui::intl::region_name;
use crate::ui::{FormField, Model, Select, TextInput, Touched};
use leptos::prelude::*;
use vitrina_core::api::{AddressFieldKind, AddressFormat};
use vitrina_core::checkout::entries::EntriesStoreFields;
use vitrina_core::checkout::{EntryErrors, EntryField};
use wasm_bindgen::JsCast;

/// The format of the country chosen now, as the store describes it (tracked; changes only with
/// the country, so the fields are not redrawn while someone types).
pub fn chosen_format() -> Memo<AddressFormat> {
    let entries = expect_context::<CheckoutState>().entries;
    let config = expect_context::<crate::ui::StoreInfo>().config;
    Memo::new(move |_| config.address_format(&entries.country().get()))
}

/// Whether `postcode` matches `pattern` (a country's postcode pattern) by the browser's own
/// regular expressions, which read the data set's patterns as libaddressinput does. A pattern
/// the browser cannot read refuses nothing here: the backend checks again.
pub fn postcode_fits(pattern: &str, postcode: &str) -> bool {
    let Ok(constructor) = js_sys::Reflect::get(&js_sys::global(), &"RegExp".into()) else { return true };
    let Ok(constructor) = constructor.dyn_into::<js_sys::Function>() else { return true };
    let args = js_sys::Array::of1(&pattern.into());
    match js_sys::Reflect::construct(&constructor, &args).map(JsCast::unchecked_into::<js_sys::RegExp>) {
        Ok(re) => re.test(postcode.trim()),
        Err(_) => true,
    }
}

/// The label's key for the region, by what the country calls it.
fn region_label(name: Option<&str>) -> &'static str {
    match name {
        Some("oblast") => "address.region.oblast",
        Some("state") => "address.region.state",
        Some("province") => "address.region.province",
        Some("county") => "address.region.county",
        _ => "address.region",
    }
}

/// The label's key for the postcode, by what the country calls it.
fn postcode_label(name: Option<&str>) -> &'static str {
    match name {
        Some("zip") => "address.zip",
        _ => "delivery.postcode",
    }
}

/// One field of an address form, as the country's format names it.
fn address_field(kind: AddressFieldKind, required: bool, format: &AddressFormat, errors: Signal<EntryErrors>, touched: Touched) -> AnyView {
    let i18n = use_i18n();
    let entries = expect_context::<CheckoutState>().entries;
    let error = move |field: EntryField| Signal::derive(move || errors.with(|errs| message(&i18n, touched, errs, field)));
    let left = move |field: EntryField| touched.on_blur(field_id(field));
    match kind {
        AddressFieldKind::Street => view! {
            <FormField id="address-line" label="delivery.line" hint="delivery.line_hint" error=error(EntryField::AddressLine) required=true
                on_blur=left(EntryField::AddressLine)>
                <TextInput value=entries.line() autocomplete="street-address" maxlength=200/>
            </FormField>
        }
        .into_any(),
        AddressFieldKind::City => view! {
            <FormField id="city" label="delivery.city" error=error(EntryField::City) on_blur=left(EntryField::City)>
                <TextInput value=entries.city() autocomplete="address-level2" maxlength=100/>
            </FormField>
        }
        .into_any(),
        // Needed for a courier where the country requires it (its message says so then);
        // collecting, the place is enough.
        AddressFieldKind::Region => view! {
            <FormField id="region" label=region_label(format.region_name.as_deref()) error=error(EntryField::Region)
                optional=!required on_blur=left(EntryField::Region)>
                <TextInput value=entries.region() autocomplete="address-level1" maxlength=100/>
            </FormField>
        }
        .into_any(),
        AddressFieldKind::Postcode => {
            let example = format.postcode_examples.first().cloned();
            let hint = example.map(|example| Signal::derive(move || i18n.tf("address.postcode_example", &[("example", &example)])));
            // A numeric keyboard only where postcodes are digits only (not `811 01`, `SW1A 1AA`).
            let inputmode = if format.numeric_postcode() { "numeric" } else { "text" };
            view! {
                <FormField id="postcode" label=postcode_label(format.postcode_name.as_deref()) hint_text=hint error=error(EntryField::Postcode)
                    optional=!required on_blur=left(EntryField::Postcode)>
                    <TextInput value=entries.postcode() autocomplete="postal-code" inputmode=inputmode maxlength=12/>
                </FormField>
            }
            .into_any()
        }
        // A district is written in the street line; nothing else is asked.
        AddressFieldKind::Sublocality | AddressFieldKind::Unknown => ().into_any(),
    }
}

/// Whether a field of the format belongs to the street address a courier needs, not the place.
fn is_street(kind: AddressFieldKind) -> bool {
    matches!(kind, AddressFieldKind::Street | AddressFieldKind::Sublocality)
}

/// The place: the country, then the fields of its format that say where (city, region,
/// postcode), in the country's order. Another country clears the way to receive chosen for the
/// last one.
#[component]
pub fn PlaceFields(
    /// What needs something in the step now, by field; only the place's are shown here.
    #[prop(into)]
    errors: Signal<EntryErrors>,
    /// Which fields were left or submitted, so their messages show.
    touched: Touched,
) -> impl IntoView {
    let i18n = use_i18n();
    let entries = expect_context::<CheckoutState>().entries;
    let countries = expect_context::<crate::ui::StoreInfo>().config.countries.clone();
    let format = chosen_format();
    let country = Model::new(
        move || entries.country().get(),
        move |code| {
            entries.update(|e| {
                e.country = code;
                e.delivery_option = None;
                e.delivery_kind = None;
            })
        },
    );
    view! {
        <fieldset class="fieldset" aria-describedby="place-hint">
            <legend>{i18n.text("delivery.place")}</legend>
            <p class="field__hint" id="place-hint">{i18n.text("delivery.place_hint")}</p>
            <FormField id=field_id(EntryField::Country) label="delivery.country">
                <Select value=country options=countries autocomplete="country" label=move |code: String| region_name(&code, i18n.get())/>
            </FormField>
            {move || format.with(|f| {
                f.fields.iter().filter(|x| !is_street(x.field)).map(|x| address_field(x.field, x.required, f, errors, touched)).collect_view()
            })}
        </fieldset>
    }
}

/// The street address of the country's format, which only a courier asks for.
#[component]
pub fn StreetFields(
    /// What needs something in the step now, by field; only the street's are shown here.
    #[prop(into)]
    errors: Signal<EntryErrors>,
    /// Which fields were left or submitted, so their messages show.
    touched: Touched,
) -> impl IntoView {
    let format = chosen_format();
    // Every format has a street; one without asks for it all the same, as a courier needs it.
    move || {
        format.with(|f| {
            let streets: Vec<_> = f.fields.iter().filter(|x| x.field == AddressFieldKind::Street).collect();
            if streets.is_empty() {
                address_field(AddressFieldKind::Street, true, f, errors, touched)
            } else {
                streets.into_iter().map(|x| address_field(x.field, true, f, errors, touched)).collect_view().into_any()
            }
        })
    }
}
