//! The value a control shows and changes. A form's state lives in one place (a store, a signal);
//! a control only reads it and writes it back, so nothing is ever copied into a second signal.

use leptos::prelude::*;
use reactive_stores::{Field, StoreField, Subfield};

/// A two-way binding: how a control reads its value (tracked) and how it writes a new one.
pub struct Model<T: Send + Sync + 'static> {
    value: Signal<T>,
    set: Callback<T>,
}

impl<T: Send + Sync + 'static> Clone for Model<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Model<T> {}

impl<T: Clone + Send + Sync + 'static> Model<T> {
    /// A binding from a reader and a writer (an item of a list, a value with a side effect).
    pub fn new(get: impl Fn() -> T + Send + Sync + 'static, set: impl Fn(T) + Send + Sync + 'static) -> Self {
        Model { value: Signal::derive(get), set: Callback::new(set) }
    }

    /// The value (tracked).
    pub fn get(&self) -> T {
        self.value.get()
    }

    pub fn get_untracked(&self) -> T {
        self.value.get_untracked()
    }

    pub fn set(&self, value: T) {
        self.set.run(value);
    }

    /// Changes the value in place.
    pub fn update(&self, f: impl FnOnce(&mut T)) {
        let mut value = self.get_untracked();
        f(&mut value);
        self.set(value);
    }

    /// The same value seen through a conversion both ways (an enum shown as its slug, say).
    pub fn map<U: Clone + Send + Sync + 'static>(
        self,
        to: impl Fn(T) -> U + Send + Sync + 'static,
        from: impl Fn(U) -> T + Send + Sync + 'static,
    ) -> Model<U> {
        Model::new(move || to(self.get()), move |u| self.set(from(u)))
    }
}

impl<T: Clone + Send + Sync + 'static> From<RwSignal<T>> for Model<T> {
    fn from(signal: RwSignal<T>) -> Self {
        Model::new(move || signal.get(), move |value| signal.set(value))
    }
}

impl<T: Clone + Send + Sync + 'static> From<Field<T>> for Model<T> {
    fn from(field: Field<T>) -> Self {
        Model::new(move || field.get(), move |value| field.set(value))
    }
}

impl<Inner, Prev, T> From<Subfield<Inner, Prev, T>> for Model<T>
where
    T: Clone + Send + Sync + 'static,
    Subfield<Inner, Prev, T>: Clone,
    Inner: StoreField<Value = Prev> + Send + Sync + 'static,
    Prev: 'static,
{
    fn from(subfield: Subfield<Inner, Prev, T>) -> Self {
        Field::from(subfield).into()
    }
}
