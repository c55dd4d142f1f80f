//! Who may use a channel (help centre: everyone, registered customers, or registered customers
//! with a verified email), and what a shopper who may not can do about it.

use crate::api::{Access, Account, Audience};

/// The shopper looking at the widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Viewer {
    /// Not signed in.
    Anonymous,
    /// Signed in; `verified` when the account's email address is confirmed.
    Customer { verified: bool },
}

impl Viewer {
    pub fn of(account: Option<&Account>) -> Viewer {
        match account {
            None => Viewer::Anonymous,
            Some(a) => Viewer::Customer { verified: a.email_verified },
        }
    }
}

impl Audience {
    /// Whether `viewer` may use a channel open to this audience, and if not, the step that
    /// would let them (sign in first; a signed-in shopper verifies the email). An audience this
    /// code does not know is treated as the strictest one.
    pub fn access_for(self, viewer: Viewer) -> Access {
        let needs_verified = matches!(self, Audience::Verified | Audience::Unknown);
        match (self, viewer) {
            (Audience::Everyone, _) => Access::Open,
            (_, Viewer::Anonymous) => Access::SignIn,
            (_, Viewer::Customer { verified: false }) if needs_verified => Access::VerifyEmail,
            (_, Viewer::Customer { .. }) => Access::Open,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANONYMOUS: Viewer = Viewer::Anonymous;
    const UNVERIFIED: Viewer = Viewer::Customer { verified: false };
    const VERIFIED: Viewer = Viewer::Customer { verified: true };

    #[test]
    fn everyone_means_everyone() {
        for v in [ANONYMOUS, UNVERIFIED, VERIFIED] {
            assert_eq!(Audience::Everyone.access_for(v), Access::Open);
        }
    }

    #[test]
    fn registered_customers_only_asks_an_anonymous_shopper_to_sign_in() {
        assert_eq!(Audience::Registered.access_for(ANONYMOUS), Access::SignIn);
        assert_eq!(Audience::Registered.access_for(UNVERIFIED), Access::Open);
        assert_eq!(Audience::Registered.access_for(VERIFIED), Access::Open);
    }

    #[test]
    fn verified_customers_only_asks_to_sign_in_then_to_verify() {
        assert_eq!(Audience::Verified.access_for(ANONYMOUS), Access::SignIn);
        assert_eq!(Audience::Verified.access_for(UNVERIFIED), Access::VerifyEmail);
        assert_eq!(Audience::Verified.access_for(VERIFIED), Access::Open);
    }

    #[test]
    fn an_unknown_audience_is_the_strictest() {
        assert_eq!(Audience::Unknown.access_for(UNVERIFIED), Access::VerifyEmail);
        assert_eq!(Audience::Unknown.access_for(VERIFIED), Access::Open);
    }

    #[test]
    fn the_viewer_follows_the_account() {
        assert_eq!(Viewer::of(None), ANONYMOUS);
        let account = Account { email: "new@example.com".into(), display_name: String::new(), email_verified: false, seller_id: None };
        assert_eq!(Viewer::of(Some(&account)), UNVERIFIED);
    }
}
