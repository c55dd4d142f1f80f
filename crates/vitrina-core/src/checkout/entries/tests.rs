use super::*;
use crate::FieldError;
use crate::api::DeliveryKind;

/// A case of a table: what it is, how it changes Anna's entries, what should follow.
type Case<T> = (&'static str, fn(&mut Entries), T);

/// A quote the reference backend gave: courier (days and time windows), pickup point, locker;
/// card online, cash and card on delivery.
fn quote() -> Quote {
    serde_json::from_str(include_str!("../../../tests/samples/quote.json")).unwrap()
}

/// A guest who typed everything the contact and delivery steps ask, and chose the courier.
fn anna() -> Entries {
    Entries {
        email: "anna@example.com".into(),
        phone: "+7 912 345-67-89".into(),
        name: "Anna Petrova".into(),
        country: "RU".into(),
        city: "Moscow".into(),
        line: "Tverskaya St 1, apt 5".into(),
        postcode: "125009".into(),
        delivery_option: Some("courier".into()),
        delivery_kind: Some(DeliveryKind::Courier),
        delivery_date: Some("2026-11-24".into()),
        time_window: Some("morning".into()),
        payment_method: Some("cash-on-delivery".into()),
        ..Entries::default()
    }
}

#[test]
fn the_contact_step_names_each_field_that_needs_something() {
    use EntryField::*;
    let table: [Case<EntryErrors>; 7] = [
        ("all typed", |_| {}, vec![]),
        ("no email", |e| e.email.clear(), vec![(Email, FieldCode::Required)]),
        ("a phone as it is typed at home (the backend reads it)", |e| e.phone = "8 912 345 67 89".into(), vec![]),
        ("a phone that is no number", |e| e.phone = "call me".into(), vec![(Phone, FieldCode::InvalidPhone)]),
        ("a name too long", |e| e.name = "A".repeat(101), vec![(Name, FieldCode::TooLong)]),
        (
            "someone else receives, nothing typed for them",
            |e| e.someone_else = true,
            vec![(RecipientName, FieldCode::Required), (RecipientPhone, FieldCode::Required)],
        ),
        ("someone else's fields are ignored when the shopper receives", |e| e.recipient_phone = "bad".into(), vec![]),
    ];
    for (case, change, expected) in table {
        let mut e = anna();
        change(&mut e);
        assert_eq!(e.contact_errors(), expected, "{case}");
    }
}

#[test]
fn addresses_the_carrier_refuses_are_refused_as_typed() {
    use EntryField::*;
    let table: [Case<EntryErrors>; 6] = [
        ("a street address", |_| {}, vec![]),
        ("a P.O. box", |e| e.line = "а/я 15".into(), vec![(AddressLine, FieldCode::PoBoxRefused)]),
        ("poste restante", |e| e.line = "Почтамт, до востребования".into(), vec![(AddressLine, FieldCode::PosteRestanteRefused)]),
        ("a correctional colony", |e| e.line = "ФКУ ИК-5".into(), vec![(AddressLine, FieldCode::CorrectionalInstitutionRefused)]),
        (
            // Whether a postcode is needed is the country's format's to say.
            "a courier with nothing but the city",
            |e| {
                e.line.clear();
                e.postcode.clear();
            },
            vec![(AddressLine, FieldCode::Required)],
        ),
        ("a note longer than a courier reads", |e| e.courier_note = "э".repeat(501), vec![(CourierNote, FieldCode::TooLong)]),
    ];
    for (case, change, expected) in table {
        let mut e = anna();
        change(&mut e);
        assert_eq!(e.address_errors(), expected, "{case}");
        assert_eq!(e.address_complete(), expected.is_empty(), "{case}");
    }
}

/// Russia's format as the data set has it: street, city, oblast, postcode, all required.
fn russian_format() -> AddressFormat {
    let record = serde_json::from_str(
        r#"{"fmt":"%N%n%O%n%A%n%C%n%S%n%Z","require":"ACSZ","state_name_type":"oblast","zip":"\\d{6}","zipex":"101000"}"#,
    );
    AddressFormat::from_google("RU", &record.expect("a record"))
}

fn six_digits(pattern: &str, postcode: &str) -> bool {
    assert_eq!(pattern, r"^(?:\d{6})$");
    postcode.len() == 6 && postcode.bytes().all(|b| b.is_ascii_digit())
}

#[test]
fn the_address_is_checked_by_the_countrys_format_too() {
    use EntryField::*;
    let ru = russian_format();
    let table: [Case<EntryErrors>; 5] = [
        ("all typed", |_| {}, vec![]),
        ("no oblast", |e| e.region.clear(), vec![(Region, FieldCode::Required)]),
        ("a postcode of spaces", |e| e.postcode = "  ".into(), vec![(Postcode, FieldCode::Required)]),
        ("a postcode of five digits", |e| e.postcode = "10100".into(), vec![(Postcode, FieldCode::InvalidPostcode)]),
        (
            "a courier chosen and nothing typed, in the form's order: the place, then the street",
            |e| *e = Entries { delivery_kind: Some(DeliveryKind::Courier), ..Entries::default() },
            vec![
                (City, FieldCode::Required),
                (Region, FieldCode::Required),
                (Postcode, FieldCode::Required),
                (AddressLine, FieldCode::Required),
            ],
        ),
    ];
    for (case, change, expected) in table {
        let mut e = anna();
        e.region = "Москва".into();
        change(&mut e);
        assert_eq!(e.address_errors_by(&ru, six_digits), expected, "{case}");
    }
    let mut e = anna();
    e.postcode.clear();
    assert_eq!(e.address_errors_by(&AddressFormat::fallback("XX"), six_digits), vec![], "a format without a postcode asks none");
    e.line = "а/я 15".into();
    assert_eq!(
        e.address_errors_by(&ru, six_digits),
        vec![(Region, FieldCode::Required), (Postcode, FieldCode::Required), (AddressLine, FieldCode::PoBoxRefused)]
    );
    e.delivery_kind = Some(DeliveryKind::PickupPoint);
    assert_eq!(e.address_errors_by(&ru, six_digits), vec![], "a pickup shopper gives the place only: no oblast, no postcode");
    e.postcode = "1010".into();
    assert_eq!(e.address_errors_by(&ru, six_digits), vec![(Postcode, FieldCode::InvalidPostcode)], "a postcode given is of the pattern");
}

#[test]
fn a_pickup_shopper_gives_only_a_city_or_a_postcode_and_no_home_address() {
    use EntryField::*;
    let pickup = |e: &mut Entries| {
        e.delivery_option = Some("pickup-point".into());
        e.delivery_kind = Some(DeliveryKind::PickupPoint);
        e.line.clear();
    };
    let table: [Case<EntryErrors>; 5] = [
        ("a city", |e| e.postcode.clear(), vec![]),
        ("a postcode", |e| e.city.clear(), vec![]),
        (
            "neither",
            |e| {
                e.city.clear();
                e.postcode = " ".into();
            },
            vec![(City, FieldCode::Required)],
        ),
        ("a refused line typed before switching counts for nothing", |e| e.line = "а/я 15".into(), vec![]),
        ("nothing typed at all: the place is asked for first", |e| *e = Entries::default(), vec![(City, FieldCode::Required)]),
    ];
    for (case, change, expected) in table {
        let mut e = anna();
        pickup(&mut e);
        change(&mut e);
        assert_eq!(e.address_errors(), expected, "{case}");
    }
}

#[test]
fn the_delivery_choice_needs_what_the_chosen_option_offers() {
    use EntryField::*;
    let q = quote();
    let table: [Case<EntryErrors>; 7] = [
        ("courier with a day and a window", |_| {}, vec![]),
        ("no option", |e| e.delivery_option = None, vec![(DeliveryOption, FieldCode::Required)]),
        ("an option the quote does not offer", |e| e.delivery_option = Some("drone".into()), vec![(DeliveryOption, FieldCode::Required)]),
        ("courier on a day it does not come", |e| e.delivery_date = Some("2026-11-28".into()), vec![(DeliveryDate, FieldCode::Required)]),
        ("courier without a window", |e| e.time_window = None, vec![(TimeWindow, FieldCode::Required)]),
        ("a pickup point not chosen", |e| e.delivery_option = Some("pickup-point".into()), vec![(PickupPoint, FieldCode::Required)]),
        ("an incomplete address: the address speaks first", |e| e.city.clear(), vec![]),
    ];
    for (case, change, expected) in table {
        let mut e = anna();
        change(&mut e);
        assert_eq!(e.choice_errors(Some(&q)), expected, "{case}");
    }
    assert_eq!(anna().choice_errors(None), vec![], "nothing to say before a quote");
}

#[test]
fn the_backends_address_problems_land_on_their_fields_once_the_address_is_complete() {
    let mut q = quote();
    q.address_errors = vec![
        FieldError::of("address.postcode", FieldCode::InvalidPostcode),
        FieldError::of("address.country", FieldCode::UnsupportedCountry),
        FieldError::of("address", FieldCode::Invalid),
    ];
    assert_eq!(
        backend_address_errors(Some(&q)),
        vec![
            (EntryField::Postcode, FieldCode::InvalidPostcode),
            (EntryField::Country, FieldCode::UnsupportedCountry),
            (EntryField::AddressLine, FieldCode::Invalid),
        ]
    );
    let (mut e, ru) = (anna(), russian_format());
    e.region = "Москва".into();
    assert_eq!(e.delivery_errors(Some(&q), &ru, six_digits)[0], (EntryField::Postcode, FieldCode::InvalidPostcode));
    let typing_courier = e.clone();
    let mut typing = e.clone();
    typing.city.clear();
    typing.postcode.clear();
    assert_eq!(
        typing.delivery_errors(Some(&q), &ru, six_digits),
        vec![(EntryField::City, FieldCode::Required), (EntryField::Postcode, FieldCode::Required)],
        "the place first, then what the courier needs; the backend's word once the place is given"
    );
    let mut typing = typing_courier;
    typing.postcode = "1010".into();
    assert_eq!(
        typing.delivery_errors(Some(&q), &ru, six_digits),
        vec![(EntryField::Postcode, FieldCode::InvalidPostcode)],
        "the country's pattern, before the backend is asked"
    );
    // The backend refuses the street typed for a courier; the shopper then picks a point.
    q.address_errors = vec![FieldError::of("address.line", FieldCode::PoBoxRefused)];
    let mut courier = anna();
    courier.region = "Москва".into();
    courier.line = "а/я 15".into();
    assert_eq!(courier.delivery_errors(Some(&q), &ru, six_digits), vec![(EntryField::AddressLine, FieldCode::PoBoxRefused)]);
    let mut pickup = courier;
    pickup.delivery_option = Some("pickup-point".into());
    pickup.delivery_kind = Some(DeliveryKind::PickupPoint);
    pickup.pickup_point = Some("pp-tverskaya".into());
    pickup.region.clear();
    assert_eq!(
        pickup.delivery_errors(Some(&q), &ru, six_digits),
        vec![],
        "a point needs no street and no oblast: what the backend said of the street no longer counts"
    );
}

#[test]
fn a_payment_method_is_needed_only_once_methods_are_offered() {
    let q = quote();
    let mut e = anna();
    assert_eq!(e.payment_errors(Some(&q)), vec![]);
    e.payment_method = Some("bitcoin".into());
    assert_eq!(e.payment_errors(Some(&q)), vec![(EntryField::PaymentMethod, FieldCode::Required)]);
    e.payment_method = None;
    assert_eq!(e.payment_errors(Some(&q)), vec![(EntryField::PaymentMethod, FieldCode::Required)]);
    assert_eq!(e.payment_errors(None), vec![], "nothing offered yet");
}

#[test]
fn a_deep_link_goes_to_the_first_step_that_still_needs_something() {
    let table: [Case<Step>; 7] = [
        ("nothing typed", |e| *e = Entries::default(), Step::Contact),
        ("a bad email", |e| e.email = "anna".into(), Step::Contact),
        ("no street for the courier", |e| e.line.clear(), Step::Delivery),
        (
            "no place",
            |e| {
                e.city.clear();
                e.postcode.clear();
            },
            Step::Delivery,
        ),
        ("no delivery option", |e| e.delivery_option = None, Step::Delivery),
        ("no payment method", |e| e.payment_method = None, Step::Payment),
        ("everything", |_| {}, Step::Review),
    ];
    for (case, change, expected) in table {
        let mut e = anna();
        change(&mut e);
        assert_eq!(e.first_incomplete_step(true), expected, "{case}");
    }
    assert_eq!(anna().first_incomplete_step(false), Step::Cart, "an empty cart comes first");
}

#[test]
fn the_draft_carries_what_is_entered_trimmed_the_place_once_known_and_a_street_only_for_a_courier() {
    let mut e = anna();
    e.name = "  Anna Petrova ".into();
    let draft = e.draft("cart-1");
    assert_eq!(draft.cart_id, "cart-1");
    assert_eq!(draft.contact.as_ref().map(|c| c.name.as_str()), Some("Anna Petrova"));
    assert_eq!(draft.address.as_ref().map(|a| a.postcode.as_str()), Some("125009"));
    assert_eq!(draft.delivery.as_ref().and_then(|d| d.date), Date::parse("2026-11-24"));
    assert!(draft.recipient.is_none());
    e.courier_note = " Подъезд 2 ".into();
    assert_eq!(e.draft("cart-1").delivery.and_then(|d| d.note).as_deref(), Some("Подъезд 2"));
    // The place is sent as soon as it is known; a pickup order carries no street and no note.
    e.delivery_kind = Some(DeliveryKind::PickupPoint);
    e.delivery_option = Some("pickup-point".into());
    let pickup = e.draft("cart-1");
    assert_eq!(pickup.address.as_ref().map(|a| (a.city.as_str(), a.line.as_str())), Some(("Moscow", "")));
    assert_eq!(pickup.delivery.and_then(|d| d.note), None);
    e.city.clear();
    e.postcode.clear();
    assert!(e.draft("cart-1").address.is_none());
    assert!(Entries::default().draft("cart-1").contact.is_none());
}

#[test]
fn the_terms_accepted_are_the_version_shown_and_nothing_is_pre_ticked() {
    let mut e = anna();
    assert_eq!(e.consents("2026-11"), Consents { terms_version: String::new(), personal_data: false, marketing: false });
    e.accept_terms = true;
    e.personal_data = true;
    assert_eq!(e.consents("2026-11").terms_version, "2026-11");
}

#[test]
fn an_order_field_leads_back_to_its_step() {
    let table = [
        ("contact.email", Step::Contact),
        ("recipient.phone", Step::Contact),
        ("address.postcode", Step::Delivery),
        ("delivery.time_window_id", Step::Delivery),
        ("payment_method", Step::Payment),
        ("promo_code", Step::Payment),
        ("cart", Step::Cart),
        ("consents.terms_version", Step::Review),
    ];
    for (path, step) in table {
        assert_eq!(Step::of_order_field(path), step, "{path}");
    }
}

#[test]
fn entries_kept_by_an_older_app_still_load() {
    let e: Entries = serde_json::from_str(r#"{"email":"anna@example.com","unknown_field":1}"#).unwrap();
    assert_eq!(e.email, "anna@example.com");
    assert_eq!(e.attempt, None);
}
