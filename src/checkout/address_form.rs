//! The delivery address as the chosen country writes it: the fields of the country's format
//! (from the store's description), in its order, under its names (oblast or state; postcode,
//! PSČ or ZIP), required as it says, with a real postcode of the country as the hint. The same
//! format checks what is typed ([`Entries::address_errors_by`]), as the backend does.

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

/// The country, then the address fields of its format. Another country clears the delivery
/// option chosen for the last one.
#[component]
pub fn AddressFields(
    /// What needs something in the step now, by field; only the address's are shown here.
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
            })
        },
    );
    let error = move |field: EntryField| Signal::derive(move || errors.with(|errs| message(&i18n, touched, errs, field)));
    let left = move |field: EntryField| touched.on_blur(field_id(field));
    let field = move |kind: AddressFieldKind, required: bool, format: &AddressFormat| {
        match kind {
        AddressFieldKind::Street => view! {
            <FormField id="address-line" label="delivery.line" hint="delivery.line_hint" error=error(EntryField::AddressLine) required=required
                on_blur=left(EntryField::AddressLine)>
                <TextInput value=entries.line() autocomplete="street-address" maxlength=200/>
            </FormField>
        }
        .into_any(),
        AddressFieldKind::City => view! {
            <FormField id="city" label="delivery.city" error=error(EntryField::City) required=required on_blur=left(EntryField::City)>
                <TextInput value=entries.city() autocomplete="address-level2" maxlength=100/>
            </FormField>
        }
        .into_any(),
        AddressFieldKind::Region => view! {
            <FormField id="region" label=region_label(format.region_name.as_deref()) error=error(EntryField::Region) required=required
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
                    required=required optional=!required on_blur=left(EntryField::Postcode)>
                    <TextInput value=entries.postcode() autocomplete="postal-code" inputmode=inputmode maxlength=12/>
                </FormField>
            }
            .into_any()
        }
        // A district is written in the street line; nothing else is asked.
        AddressFieldKind::Sublocality | AddressFieldKind::Unknown => ().into_any(),
    }
    };
    view! {
        <fieldset class="fieldset">
            <legend>{move || i18n.t("delivery.address")}</legend>
            <FormField id=field_id(EntryField::Country) label="delivery.country">
                <Select value=country options=countries autocomplete="country" label=move |code: String| region_name(&code, i18n.get())/>
            </FormField>
            {move || format.with(|f| f.fields.iter().map(|x| field(x.field, x.required, f)).collect_view())}
        </fieldset>
    }
}
