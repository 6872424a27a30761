//! What front ends and features say to each other: the request (who asks,
//! what they did), the reply and its markup, the ids of buttons, the
//! messages the bot starts (notices and their notifiers, delivery
//! outcomes), and the spec of a command and its options. Plain data, with
//! no use case in it.

pub mod component_id;
pub mod notify;
pub mod reply;
pub mod request;
pub mod said;
pub mod spec;
pub mod why;

pub use crate::markup;
pub use notify::{Delivery, NoNotifier, Notice, Notifier, Notifiers, Recipient, RetryPolicy};
pub use reply::{
    Attachment, Button, Choice, Field, Modal, ModalField, Outcome, Reply, Select, Style,
};
pub use request::{Action, Actor, ChannelRef, Request, RoleRef, Upload, UserRef, Value};
pub use said::{Said, SaidButton};
pub use spec::{MAX_NAME_CHARS, OptionError};
