//! Every command commits whole: what a command changes is gathered in a `Change`, in memory,
//! without touching the session; `Session::commit` turns it into the files to write (the
//! application, open or archived, profiles, inbox segments and header, `state.ron`, drafts), hands
//! them to the store as one journal, and installs the new state only once the journal is the commit
//! point.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::profile::Profile;
use crate::engine::application::Application;
use crate::engine::archive::booked_sessions;
use crate::engine::inbox::{Draft, InboxView, Message, Segment, segment_for};
use crate::engine::open_set::month_of;
use crate::store::{CommitError, Op};

use super::history::{self, ArchiveIndex, archive_file, index_file};
use super::session::{
    STATE_FILE, Session, SessionState, application_file, draft_file, inbox_header_file,
    profile_file, segment_file,
};

/// What one command changes, computed before anything is written.
#[derive(Debug, Default)]
pub struct Change {
    pub state: Option<SessionState>,
    pub profiles: BTreeMap<String, Profile>,
    /// New contents of applications, by number.
    pub applications: BTreeMap<String, Application>,
    /// Numbers made by this command: their files must not exist yet.
    pub created: BTreeSet<String>,
    /// Messages to deliver, by account, in order (their `seq` is given at commit).
    pub messages: Vec<(String, Message)>,
    /// Drafts to write (`Some`) or remove (`None`), by (account, business).
    pub drafts: BTreeMap<(String, String), Option<Draft>>,
    /// Accounts whose messages have now been read.
    pub read: BTreeSet<String>,
    /// The banner the command shows once it is committed.
    pub banner: Option<String>,
}

impl Change {
    /// The state as this command leaves it, for changing.
    pub fn state_mut(&mut self, session: &Session) -> &mut SessionState {
        self.state.get_or_insert_with(|| session.state.clone())
    }

    /// The state as this command sees it.
    pub fn state<'a>(&'a self, session: &'a Session) -> &'a SessionState {
        self.state.as_ref().unwrap_or(&session.state)
    }

    pub fn profile<'a>(&'a self, session: &'a Session, id: &str) -> Option<&'a Profile> {
        self.profiles.get(id).or_else(|| session.profiles.get(id))
    }

    pub fn application<'a>(
        &'a self,
        session: &'a Session,
        number: &str,
    ) -> Option<&'a Application> {
        self.applications
            .get(number)
            .or_else(|| session.open.get(number))
    }
}

/// What a commit installs in memory once it is committed.
struct Installation {
    state: SessionState,
    profiles: BTreeMap<String, Profile>,
    open: Vec<Application>,
    archived: Vec<Application>,
    indexes: BTreeMap<String, ArchiveIndex>,
    inboxes: BTreeMap<String, InboxView>,
    drafts: BTreeMap<(String, String), Option<Draft>>,
}

impl Session {
    /// Writes `change` as one command. `NotCommitted`: nothing changed, on disk or in memory.
    /// `Pending`: the command happened and is installed; some files are written at the next
    /// commit or start.
    pub fn commit(&mut self, change: Change) -> Result<(), CommitError> {
        let (ops, installation) = self.plan(change).map_err(CommitError::NotCommitted)?;
        let outcome = self.dir.commit(ops);
        if matches!(outcome, Err(CommitError::NotCommitted(_))) {
            return outcome;
        }
        self.install(installation);
        outcome
    }

    fn plan(&self, change: Change) -> anyhow::Result<(Vec<Op>, Installation)> {
        let dir = &self.dir;
        let mut ops = Vec::new();
        let state = change.state.unwrap_or_else(|| self.state.clone());
        ops.push(dir.put(STATE_FILE, &state, false)?);
        for (id, profile) in &change.profiles {
            ops.push(dir.put(&profile_file(id), profile, false)?);
        }
        let mut open = Vec::new();
        let mut archived = Vec::new();
        let mut indexes: BTreeMap<String, ArchiveIndex> = BTreeMap::new();
        for (number, app) in change.applications {
            let fresh = change.created.contains(&number);
            if app.is_finished() {
                ops.push(dir.put(&archive_file(&app.applicant, &number), &app, true)?);
                if !fresh {
                    ops.push(Op::Delete {
                        path: application_file(&number),
                    });
                }
                let index = indexes.entry(app.applicant.clone()).or_insert_with(|| {
                    self.archive
                        .get(&app.applicant)
                        .cloned()
                        .unwrap_or_default()
                });
                let month = month_of(&number).unwrap_or_else(|| "0000-00".to_string());
                index.add(&month, app.events.last().map(|e| e.at));
                if app.keeps_claims() {
                    for booked in booked_sessions(&app) {
                        *index.seats.entry(booked.clone()).or_default() += 1;
                    }
                }
                archived.push(app);
            } else {
                ops.push(dir.put(&application_file(&number), &app, fresh)?);
                open.push(app);
            }
        }
        for (profile, index) in &indexes {
            ops.push(dir.put(&index_file(profile), index, false)?);
        }
        let mut inboxes: BTreeMap<String, InboxView> = BTreeMap::new();
        // Every segment a message went to, as it ends up (a full one is left behind).
        let mut touched: BTreeMap<(String, String), Segment> = BTreeMap::new();
        for (profile, mut message) in change.messages {
            let view = inboxes
                .entry(profile.clone())
                .or_insert_with(|| self.inboxes.get(&profile).cloned().unwrap_or_default());
            message.seq = view.header.delivered + 1;
            deliver(view, message);
            if let Some(newest) = &view.newest {
                touched.insert((profile.clone(), newest.name.clone()), newest.clone());
            }
        }
        for ((profile, name), segment) in &touched {
            ops.push(dir.put(&segment_file(profile, name), segment, false)?);
        }
        for profile in &change.read {
            let view = inboxes
                .entry(profile.clone())
                .or_insert_with(|| self.inboxes.get(profile).cloned().unwrap_or_default());
            view.header.read_through = view.header.delivered;
        }
        for (profile, view) in &inboxes {
            ops.push(dir.put(&inbox_header_file(profile), &view.header, false)?);
        }
        for ((profile, flow), draft) in &change.drafts {
            let path = draft_file(profile, flow);
            ops.push(match draft {
                Some(draft) => dir.put(&path, draft, false)?,
                None => Op::Delete { path },
            });
        }
        Ok((
            ops,
            Installation {
                state,
                profiles: change.profiles,
                open,
                archived,
                indexes,
                inboxes,
                drafts: change.drafts,
            },
        ))
    }

    fn install(&mut self, installation: Installation) {
        self.state = installation.state;
        self.unsaved.state = false;
        self.unsaved.anchor = false;
        self.profiles.extend(installation.profiles);
        for app in installation.open {
            self.open.insert(app);
        }
        for app in installation.archived {
            self.open.remove(&app.number);
            history::keep_viewed(self, app);
        }
        self.archive.extend(installation.indexes);
        self.count_seats();
        self.inboxes.extend(installation.inboxes);
        for (key, draft) in installation.drafts {
            match draft {
                Some(draft) => {
                    self.drafts.insert(key, draft);
                }
                None => {
                    self.drafts.remove(&key);
                }
            }
        }
    }
}

/// Appends `message` to the newest segment, or starts the next one when that is full or of an
/// earlier month. A message dated before the newest segment's month (a study closed at the time
/// last seen) joins that segment rather than reopening an old month.
fn deliver(view: &mut InboxView, message: Message) {
    let newest = view
        .newest
        .as_ref()
        .map(|s| (s.name.as_str(), s.messages.len()));
    let at = match newest {
        Some((name, _))
            if name.get(..7) > Some(message.at.format("%Y-%m").to_string().as_str()) =>
        {
            view.newest
                .as_ref()
                .and_then(|s| s.messages.last())
                .map_or(message.at, |m| m.at.max(message.at))
        }
        _ => message.at,
    };
    let mut name = segment_for(newest, at);
    while view.newest.as_ref().is_none_or(|s| s.name != name) && view.segments.contains(&name) {
        name = segment_for(Some((&name, usize::MAX)), at);
    }
    if view.newest.as_ref().is_none_or(|s| s.name != name) {
        view.segments.push(name.clone());
        view.newest = Some(Segment::new(name.clone()));
    }
    view.header.delivered = message.seq;
    view.header.latest = view.header.latest.max(Some(message.at));
    view.header.newest = Some(name);
    if let Some(segment) = view.newest.as_mut() {
        segment.messages.push(message);
    }
}
