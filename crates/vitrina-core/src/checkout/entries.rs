//! What the shopper has entered during checkout, and what can be told about it before asking the
//! backend: which fields still need something, which step comes first, and the draft the
//! backend quotes. The app keeps these entries (in `sessionStorage`, as they are typed); the
//! backend checks everything again when the order is placed.

use super::address_refusal;
use crate::FieldCode;
use crate::api::{
    Address, AddressFieldKind, AddressFormat, CheckoutDraft, Consents, ContactDetails, DeliveryChoice, DeliveryKind, Quote, Recipient,
};
use crate::civil::Date;
use crate::field;
use crate::routes::{CheckoutStep, Page};
use serde::{Deserialize, Serialize};

/// The entries, as kept between page loads (never card data: cards are entered on the payment
/// gateway's page). Every field has a default, so entries kept by an older app still load.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "leptos", derive(reactive_stores::Store))]
#[serde(default)]
pub struct Entries {
    pub email: String,
    pub phone: String,
    pub name: String,
    pub someone_else: bool,
    pub recipient_name: String,
    pub recipient_phone: String,
    pub country: String,
    pub city: String,
    pub line: String,
    pub postcode: String,
    /// The region, state or oblast, where the country's format has one.
    pub region: String,
    pub delivery_option: Option<String>,
    /// What kind of delivery the chosen option is (a courier needs a street address).
    pub delivery_kind: Option<DeliveryKind>,
    pub delivery_date: Option<String>,
    pub time_window: Option<String>,
    pub pickup_point: Option<String>,
    /// For a courier: entrance, floor, intercom, a pass (optional).
    pub courier_note: String,
    pub payment_method: Option<String>,
    pub promo_code: Option<String>,
    pub accept_terms: bool,
    pub personal_data: bool,
    pub marketing: bool,
    /// The current attempt to place the order: its idempotency key and the body it was for.
    /// A retry of the same attempt reuses the key, so it can never make a second order.
    pub attempt: Option<(String, String)>,
}

/// A field of the checkout's forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryField {
    Email,
    Phone,
    Name,
    RecipientName,
    RecipientPhone,
    Country,
    City,
    AddressLine,
    Postcode,
    Region,
    /// The choice among the delivery options.
    DeliveryOption,
    DeliveryDate,
    TimeWindow,
    PickupPoint,
    CourierNote,
    /// The choice among the payment methods.
    PaymentMethod,
}

impl EntryField {
    /// The entry an address form's field is kept in (the district, which no entry keeps, is
    /// written in the street line).
    pub fn of_address_field(kind: AddressFieldKind) -> Option<EntryField> {
        match kind {
            AddressFieldKind::Street => Some(EntryField::AddressLine),
            AddressFieldKind::City => Some(EntryField::City),
            AddressFieldKind::Region => Some(EntryField::Region),
            AddressFieldKind::Postcode => Some(EntryField::Postcode),
            AddressFieldKind::Sublocality | AddressFieldKind::Unknown => None,
        }
    }

    /// The field an address problem from the backend is about (`address.city`); anything else
    /// in the address is taken to be about the address line.
    pub fn of_address_path(path: &str) -> EntryField {
        match path {
            "address.country" => EntryField::Country,
            "address.city" => EntryField::City,
            "address.postcode" => EntryField::Postcode,
            "address.region" => EntryField::Region,
            _ => EntryField::AddressLine,
        }
    }
}

/// The most a courier note may hold, in characters (the backend refuses more).
pub const MAX_COURIER_NOTE_CHARS: usize = 500;

/// The fields that need something, each with why, in the order the form shows them.
pub type EntryErrors = Vec<(EntryField, FieldCode)>;

/// The steps of the checkout, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    Cart,
    Contact,
    Delivery,
    Payment,
    Review,
}

impl Step {
    pub const ALL: [Step; 5] = [Step::Cart, Step::Contact, Step::Delivery, Step::Payment, Step::Review];

    /// The step's page.
    pub fn page(self) -> Page {
        match self {
            Step::Cart => Page::Cart,
            Step::Contact => Page::Checkout(CheckoutStep::Contact),
            Step::Delivery => Page::Checkout(CheckoutStep::Delivery),
            Step::Payment => Page::Checkout(CheckoutStep::Payment),
            Step::Review => Page::Checkout(CheckoutStep::Review),
        }
    }

    /// The step a field of a placed order belongs to (`contact.email`, `delivery.date`), where
    /// the shopper can change it.
    pub fn of_order_field(path: &str) -> Step {
        match path.split('.').next().unwrap_or("") {
            "contact" | "recipient" => Step::Contact,
            "address" | "delivery" => Step::Delivery,
            "payment_method" | "promo_code" => Step::Payment,
            "cart" => Step::Cart,
            _ => Step::Review,
        }
    }
}

fn check(errors: &mut EntryErrors, field: EntryField, result: Result<impl Sized, FieldCode>) {
    if let Err(code) = result {
        errors.push((field, code));
    }
}

/// Where a field of the address stands on the delivery step: the place's fields in the order the
/// country writes them, then the street and the note for the courier.
fn form_position(format: &AddressFormat, field: EntryField) -> usize {
    let place = format.fields.iter().filter(|f| f.field != AddressFieldKind::Street && f.field != AddressFieldKind::Sublocality);
    match field {
        EntryField::Country => 0,
        EntryField::AddressLine => 100,
        EntryField::CourierNote => 101,
        _ => place.map(|f| EntryField::of_address_field(f.field)).position(|f| f == Some(field)).map_or(99, |i| i + 1),
    }
}

/// Adds `more` to `errors`, one problem a field (the first said stays).
fn add(errors: &mut EntryErrors, more: EntryErrors) {
    for (field, code) in more {
        if !errors.iter().any(|(f, _)| *f == field) {
            errors.push((field, code));
        }
    }
}

impl Entries {
    /// Who orders and, when someone else receives, who receives.
    pub fn contact_errors(&self) -> EntryErrors {
        let mut errors = Vec::new();
        check(&mut errors, EntryField::Email, field::email(&self.email));
        check(&mut errors, EntryField::Phone, field::phone_as_typed(&self.phone));
        check(&mut errors, EntryField::Name, field::required_text(&self.name, 100));
        if self.someone_else {
            check(&mut errors, EntryField::RecipientName, field::required_text(&self.recipient_name, 100));
            check(&mut errors, EntryField::RecipientPhone, field::phone_as_typed(&self.recipient_phone));
        }
        errors
    }

    /// Where the shopper is, which is all the ways to receive depend on: a city or a postcode
    /// (either; a pickup shopper never gives a home address).
    pub fn place_errors(&self) -> EntryErrors {
        let mut errors = Vec::new();
        if self.city.trim().is_empty() && self.postcode.trim().is_empty() {
            errors.push((EntryField::City, FieldCode::Required));
        } else if !self.city.trim().is_empty() {
            check(&mut errors, EntryField::City, field::required_text(&self.city, 100));
        }
        check(&mut errors, EntryField::Region, field::optional_text(&self.region, 100));
        errors
    }

    /// The place against the country's format as well: a postcode, when one is given, of the
    /// country's pattern (matched by `postcode_fits(pattern, postcode)`). Which of the place's
    /// fields the format requires matters only for a courier ([`Entries::street_errors_by`]).
    pub fn place_errors_by(&self, format: &AddressFormat, postcode_fits: impl Fn(&str, &str) -> bool) -> EntryErrors {
        let mut errors = self.place_errors();
        let postcode = self.postcode.trim();
        if !postcode.is_empty() && format.postcode_pattern.as_deref().is_some_and(|pattern| !postcode_fits(pattern, postcode)) {
            errors.push((EntryField::Postcode, FieldCode::InvalidPostcode));
        }
        errors
    }

    /// Whether the place is given, so the ways to receive there can be asked for.
    pub fn place_known(&self) -> bool {
        self.place_errors().is_empty()
    }

    /// Whether the chosen way to receive brings the parcel to the door (and so needs a street
    /// address).
    pub fn needs_street_address(&self) -> bool {
        self.delivery_kind == Some(DeliveryKind::Courier)
    }

    /// For a courier, what the app can see in the street address whatever the country: a street
    /// line the carrier delivers to, and a note of a reasonable length. Nothing for other ways
    /// to receive. Which other fields a courier needs is the country's format's to say
    /// ([`Entries::street_errors_by`]); the backend checks it all again.
    pub fn street_errors(&self) -> EntryErrors {
        let mut errors = Vec::new();
        if !self.needs_street_address() {
            return errors;
        }
        let line = field::required_text(&self.line, 200).and_then(|line| address_refusal(&line).map_or(Ok(()), Err));
        check(&mut errors, EntryField::AddressLine, line);
        check(&mut errors, EntryField::CourierNote, field::optional_text(&self.courier_note, MAX_COURIER_NOTE_CHARS));
        errors
    }

    /// For a courier, the whole address against the country's format: every field it requires
    /// (the oblast in Russia, the postcode in Slovakia), the postcode's pattern, then the street
    /// as [`Entries::street_errors`] checks it; one problem a field, in the format's order.
    pub fn street_errors_by(&self, format: &AddressFormat, postcode_fits: impl Fn(&str, &str) -> bool) -> EntryErrors {
        if !self.needs_street_address() {
            return Vec::new();
        }
        let by_format = format.problems(|kind| self.address_field(kind), postcode_fits);
        let mut errors: EntryErrors =
            by_format.into_iter().filter_map(|(kind, code)| Some((EntryField::of_address_field(kind)?, code))).collect();
        add(&mut errors, self.street_errors());
        errors.sort_by_key(|(field, _)| form_position(format, *field));
        errors
    }

    /// The place, and for a courier the street address: what the app can see without the
    /// country's format.
    pub fn address_errors(&self) -> EntryErrors {
        let mut errors = self.place_errors();
        add(&mut errors, self.street_errors());
        errors
    }

    /// The place, and for a courier the street address, against the country's format.
    pub fn address_errors_by(&self, format: &AddressFormat, postcode_fits: impl Fn(&str, &str) -> bool) -> EntryErrors {
        let mut errors = self.place_errors_by(format, &postcode_fits);
        add(&mut errors, self.street_errors_by(format, &postcode_fits));
        errors.sort_by_key(|(field, _)| form_position(format, *field));
        errors
    }
    /// What was typed for one field of an address form.
    pub fn address_field(&self, kind: AddressFieldKind) -> &str {
        match kind {
            AddressFieldKind::Street => &self.line,
            AddressFieldKind::City => &self.city,
            AddressFieldKind::Region => &self.region,
            AddressFieldKind::Postcode => &self.postcode,
            AddressFieldKind::Sublocality | AddressFieldKind::Unknown => "",
        }
    }

    pub fn address_complete(&self) -> bool {
        self.address_errors().is_empty()
    }

    /// The delivery choice, against the options the quote offers: an option, and its day, time
    /// window or pickup point when it has them. Nothing to say before there are options.
    pub fn choice_errors(&self, quote: Option<&Quote>) -> EntryErrors {
        let Some(quote) = quote else { return Vec::new() };
        if !self.place_known() || quote.delivery_options.is_empty() {
            return Vec::new();
        }
        let chosen = self.delivery_option.as_ref().and_then(|id| quote.delivery_options.iter().find(|o| &o.id == id));
        let Some(option) = chosen else { return vec![(EntryField::DeliveryOption, FieldCode::Required)] };
        let mut errors = Vec::new();
        if !option.dates.is_empty() && !self.delivery_date.as_ref().is_some_and(|d| option.dates.iter().any(|x| &x.to_string() == d)) {
            errors.push((EntryField::DeliveryDate, FieldCode::Required));
        }
        if !option.time_windows.is_empty() && !self.time_window.as_ref().is_some_and(|w| option.time_windows.iter().any(|x| &x.id == w)) {
            errors.push((EntryField::TimeWindow, FieldCode::Required));
        }
        if !option.pickup_points.is_empty() && !self.pickup_point.as_ref().is_some_and(|p| option.pickup_points.iter().any(|x| &x.id == p))
        {
            errors.push((EntryField::PickupPoint, FieldCode::Required));
        }
        errors
    }

    /// Everything the delivery step can say, in the order the form asks: the place by the
    /// country's format (once it is given, what the backend refused in it), the choice among the
    /// ways to receive, and for a courier the street address by the format.
    pub fn delivery_errors(
        &self,
        quote: Option<&Quote>,
        format: &AddressFormat,
        postcode_fits: impl Fn(&str, &str) -> bool,
    ) -> EntryErrors {
        let mut errors = self.place_errors_by(format, &postcode_fits);
        if errors.is_empty() {
            // The street is the courier's: the backend's word on it counts only when a courier
            // comes (a pickup order goes to the point, whatever was typed there before).
            let street_needed = self.needs_street_address();
            let backend = quote.map(|q| {
                q.address_errors
                    .iter()
                    .filter(|e| street_needed || e.field != "address.line")
                    .map(|e| (EntryField::of_address_path(&e.field), e.code))
                    .collect()
            });
            add(&mut errors, backend.unwrap_or_default());
        }
        add(&mut errors, self.choice_errors(quote));
        add(&mut errors, self.street_errors_by(format, &postcode_fits));
        errors
    }

    /// The payment method, against the methods the quote offers (none offered: nothing to say).
    pub fn payment_errors(&self, quote: Option<&Quote>) -> EntryErrors {
        let methods = quote.map(|q| q.payment_methods.as_slice()).unwrap_or_default();
        match &self.payment_method {
            Some(id) if methods.iter().any(|m| &m.id == id) => Vec::new(),
            _ if methods.is_empty() => Vec::new(),
            _ => vec![(EntryField::PaymentMethod, FieldCode::Required)],
        }
    }

    /// The first step that still needs something: a deep link to a later step goes there.
    pub fn first_incomplete_step(&self, cart_has_lines: bool) -> Step {
        if !cart_has_lines {
            Step::Cart
        } else if !self.contact_errors().is_empty() {
            Step::Contact
        } else if !self.address_complete() || self.delivery_option.is_none() {
            Step::Delivery
        } else if self.payment_method.is_none() {
            Step::Payment
        } else {
            Step::Review
        }
    }

    /// The draft the backend quotes: what is entered so far.
    pub fn draft(&self, cart_id: &str) -> CheckoutDraft {
        let contact = (!self.email.trim().is_empty() || !self.phone.trim().is_empty() || !self.name.trim().is_empty())
            .then(|| ContactDetails { email: self.email.trim().into(), phone: self.phone.trim().into(), name: self.name.trim().into() });
        // The place as soon as it is known (it is what the ways to receive depend on); the street
        // only for a courier: a pickup order carries no home address.
        let courier = self.needs_street_address();
        let address = self.place_known().then(|| Address {
            country: self.country.clone(),
            city: self.city.trim().into(),
            line: if courier { self.line.trim().into() } else { String::new() },
            postcode: self.postcode.trim().into(),
            region: self.region.trim().into(),
        });
        CheckoutDraft {
            cart_id: cart_id.to_owned(),
            contact,
            recipient: self
                .someone_else
                .then(|| Recipient { name: self.recipient_name.trim().into(), phone: self.recipient_phone.trim().into() }),
            address,
            delivery: self.delivery_option.clone().map(|option_id| DeliveryChoice {
                option_id,
                date: self.delivery_date.as_deref().and_then(Date::parse),
                time_window_id: self.time_window.clone(),
                pickup_point_id: self.pickup_point.clone(),
                note: Some(self.courier_note.trim()).filter(|n| courier && !n.is_empty()).map(str::to_owned),
            }),
            payment_method: self.payment_method.clone(),
            promo_code: self.promo_code.clone(),
        }
    }

    /// The consents as the backend takes them: the terms accepted are the version shown.
    pub fn consents(&self, terms_version: &str) -> Consents {
        Consents {
            terms_version: if self.accept_terms { terms_version.to_owned() } else { String::new() },
            personal_data: self.personal_data,
            marketing: self.marketing,
        }
    }
}

/// The backend's address problems in the quote, on the form's fields.
pub fn backend_address_errors(quote: Option<&Quote>) -> EntryErrors {
    quote.map(|q| q.address_errors.iter().map(|e| (EntryField::of_address_path(&e.field), e.code)).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests;
