//! The value a control shows and changes. A form's state lives in one place (a store, a signal);
//! a control only reads it and writes it back, so nothing is ever copied into a second signal.

use leptos::prelude::*;
use reactive_stores::{Field, Subfield};

/// A two-way binding: how a control reads its value (tracked) and how it writes a new one.
pub struct Model<T: Send + Sync + 'static>(Binding<T>);

/// Where the value lives. Signals and store fields are used as they are (no closures, so each
/// kind of value costs the app's size once, not once per control).
enum Binding<T: Send + Sync + 'static> {
    Signal(RwSignal<T>),
    Field(Field<T>),
    /// A reader and a writer of something else (an item of a list, a value with a side effect).
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
        Model(Binding::Custom(Signal::derive(get), Callback::new(set)))
    }

    /// The value (tracked).
    pub fn get(&self) -> T {
        match self.0 {
            Binding::Signal(s) => s.get(),
            Binding::Field(f) => f.get(),
            Binding::Custom(get, _) => get.get(),
        }
    }

    pub fn get_untracked(&self) -> T {
        match self.0 {
            Binding::Signal(s) => s.get_untracked(),
            Binding::Field(f) => f.get_untracked(),
            Binding::Custom(get, _) => get.get_untracked(),
        }
    }

    pub fn set(&self, value: T) {
        match self.0 {
            Binding::Signal(s) => s.set(value),
            Binding::Field(f) => f.set(value),
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

impl<T: Clone + Send + Sync + 'static> From<Field<T>> for Model<T> {
    fn from(field: Field<T>) -> Self {
        Model(Binding::Field(field))
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
