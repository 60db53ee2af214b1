//! A value that is parsed the first time it is read instead of at every start: most starts
//! (a kiosk waking on 首页, a presenter opening one business) never read the 25 business files
//! or the question bank, and parsing them was most of the start-up CPU.

use std::cell::OnceCell;
use std::fmt;
use std::ops::{Deref, DerefMut};

/// Holds a value, or the way to make it on first use. Reading it (`Deref`, as std's `LazyCell`
/// does) makes it then; `OnDemand::loaded` looks without making it. Like `LazyCell`'s, its own
/// functions take the holder as an argument, so they never hide a method of the value. A loader must not fail: it is given
/// only data that was checked before (the embedded assets, which the test suite lints), and
/// anything read from a folder is loaded and checked at start instead (`ready`).
pub struct OnDemand<T> {
    value: OnceCell<T>,
    load: Option<Box<dyn Fn() -> T>>,
}

impl<T> OnDemand<T> {
    /// A value already made.
    pub fn ready(value: T) -> Self {
        OnDemand {
            value: OnceCell::from(value),
            load: None,
        }
    }

    /// A value made by `load` when it is first read.
    pub fn later(load: impl Fn() -> T + 'static) -> Self {
        OnDemand {
            value: OnceCell::new(),
            load: Some(Box::new(load)),
        }
    }

    /// The value, made now if it was not yet.
    pub fn force(this: &Self) -> &T {
        this.value.get_or_init(|| match &this.load {
            Some(load) => load(),
            // `ready` fills the cell and `later` sets the loader: the cell is empty only when
            // there is a loader.
            None => unreachable!("an OnDemand without a loader is made full"),
        })
    }

    /// The value if it was made already; never makes it.
    pub fn loaded(this: &Self) -> Option<&T> {
        this.value.get()
    }
}

impl<T> Deref for OnDemand<T> {
    type Target = T;

    fn deref(&self) -> &T {
        OnDemand::force(self)
    }
}

impl<T> DerefMut for OnDemand<T> {
    fn deref_mut(&mut self) -> &mut T {
        OnDemand::force(self);
        match self.value.get_mut() {
            Some(value) => value,
            // `force` above filled the cell.
            None => unreachable!("a forced OnDemand is full"),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for OnDemand<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match OnDemand::loaded(self) {
            Some(value) => value.fmt(f),
            None => f.write_str("(not loaded yet)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;

    use super::*;

    #[test]
    fn a_later_value_is_made_once_on_first_read_and_not_by_looking() {
        let made = Rc::new(Cell::new(0));
        let counter = made.clone();
        let lazy = OnDemand::later(move || {
            counter.set(counter.get() + 1);
            vec![1, 2, 3]
        });
        assert!(OnDemand::loaded(&lazy).is_none());
        assert_eq!(made.get(), 0);
        assert_eq!(lazy.len(), 3);
        assert_eq!(*lazy, [1, 2, 3]);
        assert_eq!(made.get(), 1);
        assert_eq!(OnDemand::loaded(&lazy), Some(&vec![1, 2, 3]));
    }

    #[test]
    fn changing_a_later_value_makes_it_first() {
        let mut lazy = OnDemand::later(|| vec![1]);
        lazy.push(2);
        assert_eq!(OnDemand::loaded(&lazy), Some(&vec![1, 2]));
    }

    #[test]
    fn a_ready_value_is_there_at_once() {
        let ready = OnDemand::ready("已加载".to_string());
        assert_eq!(OnDemand::loaded(&ready).map(String::as_str), Some("已加载"));
        assert_eq!(ready.as_str(), "已加载");
    }
}
