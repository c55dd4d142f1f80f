//! The editor's sections, one per part of the settings, in the order the form shows them. Each
//! reads and writes its own fields of the [`Draft`](super::draft::Draft) and shows the messages
//! [`Issues`](super::draft::Issues) gives for them.

mod audience;
mod away;
mod contact_way;
mod email;
mod hours;
mod identity;
mod messages;
mod overrides;
mod phone;
mod postal;
mod presence;
mod ranges;
mod signature;

pub(super) use away::AwaySection;
pub(super) use contact_way::ContactWaySection;
pub(super) use email::EmailSection;
pub(super) use hours::HoursSection;
pub(super) use identity::IdentitySection;
pub(super) use messages::MessagesSection;
pub(super) use overrides::OverridesSection;
pub(super) use phone::PhoneSection;
pub(super) use postal::PostalSection;
pub(super) use presence::PresenceSection;
pub(super) use signature::SignatureSection;
