//! What the decoding tests share.

/// Every sample answer in `tests/samples/`, by the contract type it is decoded as:
/// `every_sample!(m)` is `m![Type => "file.json", …]`. The backend's answers come first, then
/// what the server decodes from the app (or anyone).
macro_rules! every_sample {
    ($m:ident) => {
        $m![
            Health => "health.json",
            AppConfig => "app_config.json",
            ProductList => "product_list.json",
            Product => "product.json",
            Cart => "cart.json",
            Quote => "quote.json",
            PlacedOrder => "placed_order.json",
            PaymentStep => "payment_step.json",
            Order => "order.json",
            OrderAccess => "order_access.json",
            ShipmentList => "shipment_list.json",
            Shipment => "shipment_customs.json",
            Shipment => "shipment_attempts.json",
            Shipment => "shipment_stalled.json",
            SessionState => "session_state.json",
            SellerContact => "seller_contact.json",
            ContactSettingsDocument => "contact_settings_document.json",
            MessageReceipt => "message_receipt.json",
            Substitution => "substitution.json",
            Problem => "problem_rate_limited.json",
            Problem => "problem_validation.json",
            AddCartLine => "add_cart_line.json",
            UpdateCartLine => "update_cart_line.json",
            CheckoutDraft => "checkout_draft.json",
            PlaceOrder => "place_order.json",
            StartPayment => "start_payment.json",
            OrderLookup => "order_lookup.json",
            CancellationRequest => "cancellation_request.json",
            SubstitutionAnswer => "substitution_answer.json",
            SubstitutionOffer => "substitution_offer.json",
            SignIn => "sign_in.json",
            SaveContactSettings => "save_contact_settings.json",
            NewContactMessage => "new_contact_message.json",
        ]
    };
}
