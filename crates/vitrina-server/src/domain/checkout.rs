//! The checkout quote: delivery options, payment methods, promo code and totals for a cart and
//! the shopper's entries. The same computation validates an order when it is placed, so a
//! request that skips the app meets exactly the same rules. Also what an order needs beyond its
//! quote ([`order_errors`]) and the order limits ([`limit_problem`]).

use crate::addresses;
use crate::error::{ApiError, ApiResult};
use crate::phone;
use crate::policy::{self, Method, Profile};
use crate::store::carts::load_cart;
use crate::store::promos;
use rusqlite::Transaction;
use vitrina_core::api::{
    Address, AddressFieldKind, Cart, CheckoutDraft, Consents, DeliveryKind, DeliveryOption, OrderLimits, PaymentKind, PaymentMethod,
    PromoResult, PromoStatus, PromoTarget, Quote,
};
use vitrina_core::checkout as rules;
use vitrina_core::civil::UnixSeconds;
use vitrina_core::field;
use vitrina_core::{Currency, FieldCode, FieldError, Money};

/// Computes the quote for `draft` at `now`.
/// Names and descriptions are worded in `language`.
pub fn build_quote(tx: &Transaction<'_>, store: &Profile, language: &str, draft: &CheckoutDraft, now: UnixSeconds) -> ApiResult<Quote> {
    let cart = load_cart(tx, &draft.cart_id, now, language)?;
    let currency = cart.subtotal.currency.clone();
    let (address_errors, delivery_options) = match &draft.address {
        Some(address) => {
            let errors = address_errors(store, address);
            // The ways to receive depend on the place only: a refused street is the courier's
            // problem, said beside the street, and the other ways (and the street field itself,
            // which belongs to the courier's option) stay on offer.
            let place_known = errors.iter().all(is_street);
            let options = if place_known { delivery_options(store, language, &cart, address, now) } else { Vec::new() };
            (errors, options)
        }
        None => (Vec::new(), Vec::new()),
    };
    let chosen = draft.delivery.as_ref().and_then(|c| delivery_options.iter().find(|o| o.id == c.option_id));
    let delivery_price = chosen.map(|o| o.price.clone());

    let promo = match normalised_promo(draft.promo_code.as_deref()) {
        Some(code) => {
            let rule = promos::rule(tx, &code)?;
            let (status, applies_to, saving) = rules::evaluate_promo(rule.as_ref(), now, &cart.subtotal, delivery_price.as_ref())?;
            Some(PromoResult { code, status, applies_to, saving })
        }
        None => None,
    };
    let discount =
        promo.as_ref().filter(|p| p.status == PromoStatus::Applied).map(|p| p.saving.clone()).unwrap_or_else(|| Money::zero(&currency));
    let totals = rules::totals(&cart.subtotal, delivery_price.as_ref(), &discount, store.vat_rate_percent)?;

    // Limits apply to the goods, after a discount on the goods.
    let items_discount = match promo.as_ref().map(|p| (p.status, p.applies_to)) {
        Some((PromoStatus::Applied, Some(PromoTarget::Items))) => discount.clone(),
        _ => Money::zero(&currency),
    };
    let basis = cart.subtotal.checked_sub(&items_discount)?;
    let (min_total, max_total) = (
        Money { amount_minor: store.price(policy::MIN_ORDER_MINOR), currency: currency.clone() },
        Money { amount_minor: store.price(policy::MAX_ORDER_MINOR), currency: currency.clone() },
    );
    let limits = OrderLimits { status: rules::limit_status(&basis, &min_total, &max_total), min_total, max_total };

    let payment_methods = payment_methods(store, language, chosen.map(|o| o.kind), &totals.total);
    Ok(Quote {
        bulky: cart.bulky,
        oversize: cart.oversize,
        cart,
        address_errors,
        delivery_options,
        payment_methods,
        promo,
        totals,
        limits,
        terms_version: store.terms_version.into(),
        contact_phone: draft.contact.as_ref().and_then(|c| shown_phone(&c.phone, draft)),
        recipient_phone: draft.recipient.as_ref().and_then(|r| shown_phone(&r.phone, draft)),
    })
}

/// A phone in the international form a person reads, read in the delivery country.
fn shown_phone(typed: &str, draft: &CheckoutDraft) -> Option<String> {
    phone::normalise(typed, draft.address.as_ref().map(|a| a.country.as_str()).unwrap_or_default()).ok().map(|p| p.international)
}

fn normalised_promo(code: Option<&str>) -> Option<String> {
    code.map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty())
}

/// Problems with an address, field by field (`address.city`, …): the place the ways to receive
/// depend on, and the street when one is given. What else a courier needs is
/// [`courier_address_errors`].
pub fn address_errors(store: &Profile, address: &Address) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut check = |path: &str, result: Result<(), FieldCode>| {
        if let Err(code) = result {
            errors.push(FieldError::of(path, code));
        }
    };
    // The store's countries, each written as Google's address metadata says.
    let format = addresses::format(&address.country).filter(|_| store.countries.contains(&address.country.as_str()));
    check("address.country", if format.is_some() { Ok(()) } else { Err(FieldCode::UnsupportedCountry) });
    // The place: a city or a postcode, either is enough to say how the parcel can come.
    let postcode = address.postcode.trim();
    if address.city.trim().is_empty() && postcode.is_empty() {
        check("address.city", Err(FieldCode::Required));
    }
    check("address.city", field::optional_text(&address.city, 100));
    check("address.region", field::optional_text(&address.region, 100));
    // A postcode given is of the country's pattern (as the app checks it).
    let fits = |pattern: &str| addresses::postcode_matches(pattern, postcode);
    let pattern = format.and_then(|f| f.postcode_pattern.as_deref());
    check("address.postcode", if postcode.is_empty() || pattern.is_none_or(fits) { Ok(()) } else { Err(FieldCode::InvalidPostcode) });
    // A street, when one is given (a courier needs it: [`courier_address_errors`]).
    if !address.line.trim().is_empty() {
        check("address.line", field::required_text(&address.line, 200).and_then(|line| rules::address_refusal(&line).map_or(Ok(()), Err)));
    }
    errors
}

/// An error in the street line, which only a courier needs.
fn is_street(error: &FieldError) -> bool {
    error.field == "address.line"
}

/// What a courier needs beyond the place: a street, and every field the country's format
/// requires (the oblast in Russia, the postcode in Slovakia).
pub fn courier_address_errors(address: Option<&Address>) -> Vec<FieldError> {
    let empty = Address::default();
    let address = address.unwrap_or(&empty);
    let mut errors = Vec::new();
    if address.line.trim().is_empty() {
        errors.push(FieldError::of("address.line", FieldCode::Required));
    }
    let Some(format) = addresses::format(&address.country) else { return errors };
    let value = |kind| match kind {
        AddressFieldKind::Street => address.line.as_str(),
        AddressFieldKind::City => address.city.as_str(),
        AddressFieldKind::Region => address.region.as_str(),
        AddressFieldKind::Postcode => address.postcode.as_str(),
        AddressFieldKind::Sublocality | AddressFieldKind::Unknown => "",
    };
    for (kind, code) in format.problems(value, addresses::postcode_matches) {
        let path = match kind {
            AddressFieldKind::Street => "address.line",
            AddressFieldKind::City => "address.city",
            AddressFieldKind::Region => "address.region",
            _ => "address.postcode",
        };
        if !errors.iter().any(|e| e.field == path) {
            errors.push(FieldError::of(path, code));
        }
    }
    errors
}

fn method_option(
    store: &Profile,
    language: &str,
    currency: &Currency,
    method: &Method,
    kind: DeliveryKind,
    now: UnixSeconds,
) -> DeliveryOption {
    let dispatch = rules::dispatch_date(now, store.utc_offset_minutes(now), policy::CUTOFF_MINUTES);
    let (earliest, latest) = rules::delivery_range(dispatch, method.min_days, method.max_days);
    DeliveryOption {
        id: method.id.into(),
        kind,
        carrier: if kind == DeliveryKind::SellerShop { store.showroom.into() } else { store.carrier.into() },
        service_level: method.service_level.of(language).into(),
        price: Money { amount_minor: store.price(method.price_minor), currency: currency.clone() },
        dispatch_date: dispatch,
        earliest,
        latest,
        dates: Vec::new(),
        time_windows: Vec::new(),
        pickup_points: Vec::new(),
        id_documents: if kind == DeliveryKind::ParcelLocker { Vec::new() } else { policy::ID_DOCUMENTS.to_vec() },
    }
}

/// The ways this cart can reach this address. Bulky goods go only by bulky-goods courier or
/// from the seller's shop; what the carrier does not take at all only from the shop; outside
/// the store's own country only by international courier. A way to collect is offered where it
/// has points in the shopper's place (city or postcode), with those points. Names and hours are
/// worded in `language`.
pub fn delivery_options(store: &Profile, language: &str, cart: &Cart, address: &Address, now: UnixSeconds) -> Vec<DeliveryOption> {
    let (city, postcode) = (address.city.as_str(), address.postcode.as_str());
    let currency = &cart.subtotal.currency;
    let option = |method: &Method, kind: DeliveryKind| method_option(store, language, currency, method, kind, now);
    let collected = |method: &Method, kind: DeliveryKind, points: Vec<vitrina_core::api::PickupPoint>| {
        (!points.is_empty() && address.country == store.home_country)
            .then(|| DeliveryOption { pickup_points: points, ..option(method, kind) })
    };
    let shop = collected(&policy::SELLER_SHOP, DeliveryKind::SellerShop, (store.seller_shops)(city, postcode, language));
    if cart.oversize {
        return shop.into_iter().collect();
    }
    let courier_method = if address.country != store.home_country {
        &policy::INTERNATIONAL_COURIER
    } else if cart.bulky {
        &policy::BULKY_COURIER
    } else {
        &policy::COURIER
    };
    let mut courier = option(courier_method, DeliveryKind::Courier);
    courier.dates = rules::business_days_between(courier.earliest, courier.latest);
    courier.time_windows = policy::time_windows();
    let mut options = vec![courier];
    if !cart.bulky {
        options.extend(collected(&policy::PICKUP_POINT, DeliveryKind::PickupPoint, (store.pickup_points)(city, postcode, language)));
        options.extend(collected(&policy::PARCEL_LOCKER, DeliveryKind::ParcelLocker, (store.parcel_lockers)(city, postcode, language)));
    }
    options.extend(shop);
    options
}

/// What can pay for this order now: always a card online; on delivery only where someone hands
/// the parcel over (not a locker) and up to the cash limit.
pub fn payment_methods(store: &Profile, language: &str, delivery: Option<DeliveryKind>, total: &Money) -> Vec<PaymentMethod> {
    let method = |id: &str, kind| {
        let (name, description) = policy::payment_words(kind, language);
        PaymentMethod { id: id.into(), kind, name: Some(name.into()), description: Some(description.into()) }
    };
    let mut methods = vec![method("card-online", PaymentKind::CardOnline)];
    let handed_over = matches!(delivery, Some(DeliveryKind::Courier | DeliveryKind::PickupPoint | DeliveryKind::SellerShop));
    if handed_over && total.amount_minor <= store.price(policy::MAX_PAY_ON_DELIVERY_MINOR) {
        methods.push(method("cash-on-delivery", PaymentKind::CashOnDelivery));
        if delivery == Some(DeliveryKind::Courier) {
            methods.push(method("card-on-delivery", PaymentKind::CardOnDelivery));
        }
    }
    methods
}

/// Everything an order needs, checked against the quote: the complete list of field problems.
pub fn order_errors(draft: &CheckoutDraft, consents: &Consents, quote: &Quote) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut check = |path: &str, result: Result<String, FieldCode>| {
        if let Err(code) = result {
            errors.push(FieldError::of(path, code));
        }
    };
    let contact = draft.contact.clone().unwrap_or_default();
    let country = draft.address.as_ref().map(|a| a.country.as_str()).unwrap_or_default();
    let phone = |value: &str| phone::normalise(value, country).map(|p| p.e164);
    check("contact.email", field::email(&contact.email));
    check("contact.phone", phone(&contact.phone));
    check("contact.name", field::required_text(&contact.name, 100));
    if let Some(recipient) = &draft.recipient {
        check("recipient.name", field::required_text(&recipient.name, 100));
        check("recipient.phone", phone(&recipient.phone));
    }
    let chosen = draft.delivery.as_ref().and_then(|c| quote.delivery_options.iter().find(|o| o.id == c.option_id).map(|o| (c, o)));
    // A courier comes to a door: a pickup order needs no street (it goes to the point, whatever
    // was typed there before), a courier order does.
    let courier = chosen.is_some_and(|(_, o)| o.kind == DeliveryKind::Courier);
    match &draft.address {
        None => check("address.city", Err(FieldCode::Required)),
        Some(_) => errors.extend(quote.address_errors.iter().filter(|e| courier || !is_street(e)).cloned()),
    }
    if courier {
        for error in courier_address_errors(draft.address.as_ref()) {
            if !errors.iter().any(|e| e.field == error.field) {
                errors.push(error);
            }
        }
    }
    match chosen {
        None if quote.address_errors.iter().all(is_street) => {
            let code = if draft.delivery.is_some() { FieldCode::UnknownOption } else { FieldCode::Required };
            errors.push(FieldError::of("delivery.option_id", code));
        }
        None => {}
        Some((choice, option)) => {
            if !option.dates.is_empty() && !choice.date.is_some_and(|d| option.dates.contains(&d)) {
                errors.push(FieldError::of("delivery.date", FieldCode::Required));
            }
            if !option.time_windows.is_empty()
                && !choice.time_window_id.as_ref().is_some_and(|w| option.time_windows.iter().any(|t| &t.id == w))
            {
                errors.push(FieldError::of("delivery.time_window_id", FieldCode::Required));
            }
            if !option.pickup_points.is_empty()
                && !choice.pickup_point_id.as_ref().is_some_and(|p| option.pickup_points.iter().any(|x| &x.id == p))
            {
                errors.push(FieldError::of("delivery.pickup_point_id", FieldCode::Required));
            }
        }
    }
    match &draft.payment_method {
        Some(id) if quote.payment_methods.iter().any(|m| &m.id == id) => {}
        Some(_) => errors.push(FieldError::of("payment_method", FieldCode::UnknownOption)),
        None => errors.push(FieldError::of("payment_method", FieldCode::Required)),
    }
    if let Some(promo) = &quote.promo {
        let code = match promo.status {
            PromoStatus::Applied => None,
            PromoStatus::Expired => Some(FieldCode::PromoExpired),
            PromoStatus::NotApplicable => Some(FieldCode::PromoNotApplicable),
            PromoStatus::Invalid | PromoStatus::Unknown => Some(FieldCode::PromoInvalid),
        };
        if let Some(code) = code {
            errors.push(FieldError::of("promo_code", code));
        }
    }
    if consents.terms_version != quote.terms_version {
        errors.push(FieldError::of("consents.terms_version", FieldCode::TermsOutdated));
    }
    if !consents.personal_data {
        errors.push(FieldError::of("consents.personal_data", FieldCode::Required));
    }
    errors
}

/// The order-limit problem for a quote whose limits are not met.
pub fn limit_problem(quote: &Quote) -> Option<ApiError> {
    use vitrina_core::api::LimitStatus;
    let detail = match quote.limits.status {
        LimitStatus::Ok => return None,
        LimitStatus::BelowMinimum => format!("The smallest order is {}.", quote.limits.min_total),
        _ => format!("The largest order is {}.", quote.limits.max_total),
    };
    Some(ApiError::detail(vitrina_core::ProblemKind::OrderLimit, detail))
}
