//! How often an open tracking page asks again: soon after a change, then less and less often
//! while nothing happens (or the backend fails), and never again once the journey is over.

/// The first wait, and the wait after something changed.
pub const FIRST_REFRESH_SECONDS: u32 = 60;
/// The longest wait between two looks.
pub const MAX_REFRESH_SECONDS: u32 = 15 * 60;

/// Seconds until the next look, or `None` to stop. `previous` is the last wait (`None` at the
/// start); `changed` says whether the last look found something new.
pub fn next_refresh_seconds(previous: Option<u32>, changed: bool, is_final: bool) -> Option<u32> {
    if is_final {
        return None;
    }
    Some(match previous {
        Some(p) if !changed => p.saturating_mul(2).clamp(FIRST_REFRESH_SECONDS, MAX_REFRESH_SECONDS),
        _ => FIRST_REFRESH_SECONDS,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quiet_shipment_is_asked_about_less_and_less_often_up_to_a_limit() {
        let mut wait = None;
        let mut waits = Vec::new();
        for _ in 0..7 {
            wait = next_refresh_seconds(wait, false, false);
            waits.push(wait.unwrap());
        }
        assert_eq!(waits, [60, 120, 240, 480, 900, 900, 900]);
    }

    #[test]
    fn news_brings_the_next_look_closer_and_the_end_stops_looking() {
        assert_eq!(next_refresh_seconds(Some(900), true, false), Some(60));
        assert_eq!(next_refresh_seconds(Some(60), true, true), None);
        assert_eq!(next_refresh_seconds(None, false, true), None);
    }
}
