//! 消息: the SMS and in-app notices the app would have sent, in segments with a small header,
//! and the wizard drafts that keep what a visitor typed across leaving the wizard and
//! restarting the program.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// 2: messages split into segments with a header holding the unread count (1 was one file per
/// account, rewritten whole on every message).
pub const INBOX_SCHEMA_VERSION: u32 = 2;
/// 2: the submit token.
pub const DRAFT_SCHEMA_VERSION: u32 = 2;

/// A segment holds at most this many messages; then a new one starts, so a delivery rewrites a
/// file of bounded size however many messages came before.
pub const SEGMENT_MESSAGES: usize = 200;

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
    /// The account's running count of messages, from 1: unread is "after `read_through`".
    pub seq: u64,
    pub at: NaiveDateTime,
    pub channel: Channel,
    /// The number an SMS went to (a contact change texts the new number).
    pub to: Option<String>,
    pub text: String,
    /// The application it is about.
    pub application: Option<String>,
}

/// `inbox/<profile>/header.ron`: how many messages the account has, how many were read, and the
/// segment new ones go to. Small, so the unread count costs nothing to read or write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxHeader {
    pub schema_version: u32,
    pub delivered: u64,
    /// Messages up to this `seq` have been seen in 消息.
    pub read_through: u64,
    /// The newest segment's name (`yyyy-mm-nnn`), if any message was delivered.
    pub newest: Option<String>,
    /// The latest message's time: one of the marks the clock never goes back behind.
    pub latest: Option<NaiveDateTime>,
}

impl Default for InboxHeader {
    fn default() -> Self {
        Self {
            schema_version: INBOX_SCHEMA_VERSION,
            delivered: 0,
            read_through: 0,
            newest: None,
            latest: None,
        }
    }
}

impl InboxHeader {
    pub fn unread(&self) -> u64 {
        self.delivered.saturating_sub(self.read_through)
    }

    pub fn is_unread(&self, message: &Message) -> bool {
        message.seq > self.read_through
    }
}

/// `inbox/<profile>/<yyyy-mm-nnn>.ron`: consecutive messages of one month, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub schema_version: u32,
    pub name: String,
    pub messages: Vec<Message>,
}

impl Segment {
    pub fn new(name: String) -> Self {
        Self {
            schema_version: INBOX_SCHEMA_VERSION,
            name,
            messages: Vec::new(),
        }
    }

    /// Newest first, as 消息 lists them.
    pub fn newest_first(&self) -> impl Iterator<Item = &Message> {
        self.messages.iter().rev()
    }
}

/// The name of the segment a message at `at` goes to after `newest` (holding `len` messages):
/// the same one while it is of that month and not full, else the next part of the month.
pub fn segment_for(newest: Option<(&str, usize)>, at: NaiveDateTime) -> String {
    let month = at.format("%Y-%m").to_string();
    match newest {
        Some((name, len)) if name.starts_with(&month) && len < SEGMENT_MESSAGES => name.to_string(),
        Some((name, _)) if name.starts_with(&month) => {
            let part = name
                .get(month.len() + 1..)
                .and_then(|p| p.parse::<u32>().ok())
                .unwrap_or(0);
            format!("{month}-{:03}", part + 1)
        }
        _ => format!("{month}-001"),
    }
}

/// One account's messages as the app holds them: the header, the newest segment (where the
/// next message goes), and the segment 消息 shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxView {
    pub header: InboxHeader,
    pub newest: Option<Segment>,
    /// The segment on screen in 消息, when it is not the newest.
    pub shown: Option<Segment>,
    /// Segment names, oldest first, for paging (listed when 消息 opens).
    pub segments: Vec<String>,
}

impl InboxView {
    pub fn unread(&self) -> u64 {
        self.header.unread()
    }

    /// The segment 消息 shows.
    pub fn page(&self) -> Option<&Segment> {
        self.shown.as_ref().or(self.newest.as_ref())
    }

    /// Where the shown segment stands among all: (index from the newest, count).
    pub fn page_position(&self) -> (usize, usize) {
        let count = self.segments.len().max(1);
        let name = self.page().map(|s| s.name.as_str());
        let index = self
            .segments
            .iter()
            .rev()
            .position(|s| Some(s.as_str()) == name)
            .unwrap_or(0);
        (index, count)
    }

    /// The segment name `step` away from the shown one (positive: older).
    pub fn neighbour(&self, step: isize) -> Option<&str> {
        let (index, count) = self.page_position();
        let target = index.checked_add_signed(step)?;
        (target < count)
            .then(|| self.segments.len().checked_sub(target + 1))
            .flatten()
            .and_then(|i| self.segments.get(i))
            .map(String::as_str)
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
    /// Drawn at the first 提交 and recorded in the application it makes: a retry after an
    /// uncertain failure finds that application instead of making a second one.
    #[serde(default)]
    pub submit_token: Option<String>,
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
            submit_token: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(m: u32, d: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, m, d)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("a date")
    }

    #[test]
    fn a_segment_fills_then_the_month_goes_on_in_the_next_part() {
        assert_eq!(segment_for(None, at(3, 2)), "2026-03-001");
        assert_eq!(
            segment_for(Some(("2026-03-001", 5)), at(3, 9)),
            "2026-03-001"
        );
        let full = Some(("2026-03-001", SEGMENT_MESSAGES));
        assert_eq!(segment_for(full, at(3, 9)), "2026-03-002");
        assert_eq!(
            segment_for(Some(("2026-03-002", 1)), at(4, 1)),
            "2026-04-001"
        );
    }

    #[test]
    fn paging_walks_from_the_newest_segment_back() {
        let view = InboxView {
            segments: vec!["2026-03-001".into(), "2026-04-001".into()],
            newest: Some(Segment::new("2026-04-001".into())),
            ..InboxView::default()
        };
        assert_eq!(view.page_position(), (0, 2));
        assert_eq!(view.neighbour(1), Some("2026-03-001"));
        assert_eq!(view.neighbour(-1), None);
        assert_eq!(view.neighbour(2), None);
    }
}
