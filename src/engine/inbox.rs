//! 消息: the SMS and in-app notices the app would have sent, and the wizard drafts that keep what
//! a visitor typed across leaving the wizard and restarting the program.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

pub const INBOX_SCHEMA_VERSION: u32 = 1;
pub const DRAFT_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    /// 短信, to a phone number.
    Sms,
    /// 站内消息.
    Notice,
}

impl Channel {
    pub fn label(self) -> &'static str {
        match self {
            Channel::Sms => "短信",
            Channel::Notice => "通知",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub at: NaiveDateTime,
    pub channel: Channel,
    /// The number an SMS went to (a contact change texts the new number).
    pub to: Option<String>,
    pub text: String,
    pub read: bool,
    /// The application it is about.
    pub application: Option<String>,
}

/// `inbox/<profile>.ron`: one account's messages, oldest first on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub schema_version: u32,
    pub messages: Vec<Message>,
}

impl Default for Inbox {
    fn default() -> Self {
        Self {
            schema_version: INBOX_SCHEMA_VERSION,
            messages: Vec::new(),
        }
    }
}

impl Inbox {
    pub fn unread(&self) -> usize {
        self.messages.iter().filter(|m| !m.read).count()
    }

    /// Newest first, as 消息 lists them.
    pub fn newest_first(&self) -> impl Iterator<Item = &Message> {
        self.messages.iter().rev()
    }
}

/// `drafts/<profile>/<flow>.ron`: the wizard as the visitor left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub schema_version: u32,
    pub flow_id: String,
    /// The wizard step the visitor was on.
    pub step: usize,
    pub answers: BTreeMap<String, String>,
    /// The SMS code sent for this draft and the number it went to.
    pub sms_code: Option<String>,
    pub sms_to: Option<String>,
}

impl Draft {
    pub fn new(flow_id: &str) -> Self {
        Self {
            schema_version: DRAFT_SCHEMA_VERSION,
            flow_id: flow_id.to_string(),
            step: 0,
            answers: BTreeMap::new(),
            sms_code: None,
            sms_to: None,
        }
    }
}
