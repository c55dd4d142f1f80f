//! The value a control shows and changes. A form's state lives in one place (a store, a signal);
//! a control only reads it and writes it back, so nothing is ever copied into a second signal.

use leptos::prelude::*;
use reactive_stores::Subfield;

/// A two-way binding: how a control reads its value (tracked) and how it writes a new one.
pub struct Model<T: Send + Sync + 'static>(Binding<T>);

/// Where the value lives. A signal is used as it is (no closures, so each kind of value costs
/// the app's size once, not once per control).
enum Binding<T: Send + Sync + 'static> {
    Signal(RwSignal<T>),
    /// A reader and a writer of something else (a part of a larger value, an item of a list, a
    /// value with a side effect).
    Custom(Signal<T>, Callback<T>),
}

impl<T: Send + Sync + 'static> Clone for Model<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Model<T> {}

impl<T: Send + Sync + 'static> Clone for Binding<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Binding<T> {}

impl<T: Clone + Send + Sync + 'static> Model<T> {
    /// A binding from a reader and a writer (an item of a list, a value with a side effect).
    pub fn new(get: impl Fn() -> T + Send + Sync + 'static, set: impl Fn(T) + Send + Sync + 'static) -> Self {
        Model::from_parts(Signal::derive(get), Callback::new(set))
    }

    /// A binding from a signal to read (a memo of a part of a larger value) and a writer.
    pub fn from_parts(get: Signal<T>, set: Callback<T>) -> Self {
        Model(Binding::Custom(get, set))
    }

    /// The value (tracked).
    pub fn get(&self) -> T {
        match self.0 {
            Binding::Signal(s) => s.get(),
            Binding::Custom(get, _) => get.get(),
        }
    }

    pub fn get_untracked(&self) -> T {
        match self.0 {
            Binding::Signal(s) => s.get_untracked(),
            Binding::Custom(get, _) => get.get_untracked(),
        }
    }

    /// Reads the value in place (tracked), without copying it.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        match self.0 {
            Binding::Signal(s) => s.with(f),
            Binding::Custom(get, _) => get.with(f),
        }
    }

    pub fn set(&self, value: T) {
        match self.0 {
            Binding::Signal(s) => s.set(value),
            Binding::Custom(_, set) => set.run(value),
        }
    }

    /// Changes the value in place.
    pub fn update(&self, f: impl FnOnce(&mut T)) {
        let mut value = self.get_untracked();
        f(&mut value);
        self.set(value);
    }
}

impl<T: Clone + Send + Sync + 'static> From<RwSignal<T>> for Model<T> {
    fn from(signal: RwSignal<T>) -> Self {
        Model(Binding::Signal(signal))
    }
}

impl<Inner, Prev, T> From<Subfield<Inner, Prev, T>> for Model<T>
where
    T: Clone + Send + Sync + 'static,
    Subfield<Inner, Prev, T>: Get<Value = T> + Set<Value = T> + Clone + Send + Sync + 'static,
{
    fn from(subfield: Subfield<Inner, Prev, T>) -> Self {
        let writer = subfield.clone();
        Model::new(move || subfield.get(), move |value| writer.set(value))
    }
}
