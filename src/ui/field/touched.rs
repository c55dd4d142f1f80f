//! When to show a field's message: not while the person is still typing their first attempt,
//! but once they have left the field, and for every field after they tried to submit.

use leptos::prelude::*;
use std::collections::HashSet;

/// Which fields' messages are shown: those left once, and all after a submit attempt.
#[derive(Clone, Copy)]
pub struct Touched {
    left: RwSignal<HashSet<String>>,
    submitted: RwSignal<bool>,
    attempts: RwSignal<u32>,
}

impl Touched {
    pub fn new() -> Self {
        Touched { left: RwSignal::new(HashSet::new()), submitted: RwSignal::new(false), attempts: RwSignal::new(0) }
    }

    /// The person left `field`: its message shows from now on.
    pub fn touch(&self, field: impl Into<String>) {
        let field = field.into();
        if !self.left.with_untracked(|left| left.contains(&field)) {
            self.left.update(|left| {
                left.insert(field);
            });
        }
    }

    /// A callback that touches `field` (for a field's `on_blur`).
    pub fn on_blur(self, field: impl Into<String>) -> Callback<()> {
        let field = field.into();
        Callback::new(move |()| self.touch(field.clone()))
    }

    /// A submit was tried: every message shows, and the error summary takes focus again.
    pub fn attempt(&self) {
        self.submitted.set(true);
        self.attempts.update(|n| *n += 1);
    }

    /// The form went through: only fields left since show their messages again.
    pub fn settle(&self) {
        self.submitted.set(false);
    }

    /// Whether a submit was tried (tracked).
    pub fn submitted(&self) -> bool {
        self.submitted.get()
    }

    /// Counts submit attempts, for [`crate::ui::ErrorSummary`]'s focus.
    pub fn attempts(&self) -> Signal<u32> {
        self.attempts.into()
    }

    /// Whether `field`'s message shows now (tracked).
    pub fn shows(&self, field: &str) -> bool {
        self.submitted.get() || self.left.with(|left| left.contains(field))
    }
}

impl Default for Touched {
    fn default() -> Self {
        Self::new()
    }
}
