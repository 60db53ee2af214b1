//! History kept out of the way of open work: finished applications in
//! `archive/<profile>/<yyyy-mm>/<number>.ron` (the path follows from the number and the
//! applicant, so a lookup reads one file), a small derived index of months and counts per
//! account, 网办进度 pages that parse only the rows they show, messages in segments. Also the
//! one-time upgrade of folders written before the archive and the segments existed.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context, Result};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::session::{
    APPLICATION_DIR, ARCHIVE_DIR, INBOX_DIR, Session, application_file, inbox_header_file,
    segment_file,
};
use crate::engine::application::Application;
use crate::engine::archive::booked_sessions;
pub use crate::engine::archive::{ArchiveIndex, MonthCount};
use crate::engine::inbox::{Channel, InboxHeader, InboxView, Message, Segment, segment_for};
use crate::engine::open_set::{Tracked, month_of, serial_of};
use crate::engine::upcast;
use crate::flow::Catalog;
use crate::on_demand::OnDemand;
use crate::store::{DataDir, Load, Op, QUARANTINE_DIR, Versioned};
use crate::ui::application::status_label;
use crate::ui::progress::{PAGE_ROWS, ProgressPage, ProgressRow};

/// How many finished applications one upgrade commit moves: keeps each journal small.
const MIGRATION_BATCH: usize = 500;

/// How many archived applications stay read for viewing at once.
const VIEWED_KEPT: usize = 16;

impl Versioned for ArchiveIndex {
    const SCHEMA_VERSION: u32 = crate::engine::archive::ARCHIVE_SCHEMA_VERSION;
    const KIND: &'static str = "办结档案索引";
}

pub fn index_file(profile: &str) -> String {
    format!("{ARCHIVE_DIR}/{profile}/index.ron")
}

/// Where a finished application of `profile` is kept.
pub fn archive_file(profile: &str, number: &str) -> String {
    let month = month_of(number).unwrap_or_else(|| "0000-00".to_string());
    format!("{ARCHIVE_DIR}/{profile}/{month}/{number}.ron")
}

/// A value loaded, and whether it had to be rebuilt (and so written back).
pub struct Loaded<T> {
    pub value: T,
    pub rebuilt: bool,
}

fn is_month(name: &str) -> bool {
    name.len() == 7
        && name.as_bytes()[4] == b'-'
        && name
            .bytes()
            .enumerate()
            .all(|(i, b)| i == 4 || b.is_ascii_digit())
}

/// The account's archive index; rebuilt from its month folders when missing or unreadable
/// (every file parsed once for its latest event: the slow path, never taken in normal use).
pub fn load_index(
    dir: &DataDir,
    profile: &str,
    bookable: &OnDemand<BTreeSet<String>>,
    notices: &mut Vec<String>,
) -> Result<Loaded<ArchiveIndex>> {
    match dir.load::<ArchiveIndex>(&index_file(profile))? {
        Load::Ready(index) | Load::ReadOnly(index) => {
            return Ok(Loaded {
                value: index,
                rebuilt: false,
            });
        }
        other => notices.extend(other.notice()),
    }
    let mut index = ArchiveIndex {
        schema_version: ArchiveIndex::SCHEMA_VERSION,
        ..ArchiveIndex::default()
    };
    let root = format!("{ARCHIVE_DIR}/{profile}");
    for month in dir
        .names(&root)
        .context("无法列出 archive 目录")?
        .into_iter()
        .filter(|n| is_month(n))
    {
        let files = dir
            .list(&format!("{root}/{month}"), "ron")
            .context("无法列出 archive 目录")?;
        let mut latest = None;
        for file in &files {
            let loaded = dir.load::<Application>(file)?;
            notices.extend(loaded.notice());
            if let Some(mut app) = loaded.into_value() {
                upcast::claim_seats(&mut app, bookable);
                latest = latest.max(app.events.last().map(|e| e.at));
                if app.keeps_claims() {
                    for session in booked_sessions(&app) {
                        *index.seats.entry(session.clone()).or_default() += 1;
                    }
                }
            }
        }
        index.months.push(MonthCount {
            month,
            count: files.len() as u64,
            latest,
        });
    }
    let rebuilt = !index.months.is_empty();
    Ok(Loaded {
        value: index,
        rebuilt,
    })
}

/// Moves finished applications found in `applications/` (a folder from before the archive)
/// into the archive, a batch per commit. The moves are renames of the files as they are, so a
/// crash part-way simply leaves the rest for the next start.
pub fn archive_finished(session: &mut Session, finished: Vec<Application>) -> Result<usize> {
    let mut moved = 0;
    for batch in finished.chunks(MIGRATION_BATCH) {
        let mut indexes: BTreeMap<String, ArchiveIndex> = BTreeMap::new();
        let mut ops = Vec::new();
        for app in batch {
            ops.push(Op::Move {
                from: application_file(&app.number),
                to: archive_file(&app.applicant, &app.number),
            });
            let index = indexes.entry(app.applicant.clone()).or_insert_with(|| {
                session
                    .archive
                    .get(&app.applicant)
                    .cloned()
                    .unwrap_or_default()
            });
            let month = month_of(&app.number).unwrap_or_else(|| "0000-00".to_string());
            index.add(&month, app.events.last().map(|e| e.at));
            if app.keeps_claims() {
                for booked in booked_sessions(app) {
                    *index.seats.entry(booked.clone()).or_default() += 1;
                }
            }
        }
        for (profile, index) in &indexes {
            ops.push(session.dir.put(&index_file(profile), index, false)?);
        }
        session
            .dir
            .commit(ops)
            .map_err(anyhow::Error::new)
            .context("升级数据目录失败")?;
        moved += batch.len();
        session.archive.extend(indexes);
    }
    Ok(moved)
}

/// The highest serial in any file name the folder holds, open, archived or quarantined (and so
/// also those from a newer build): numbering goes on above it.
pub fn highest_serial_in(dir: &DataDir) -> Result<u64> {
    let serial = |name: &str| serial_of(name.split('.').next().unwrap_or_default());
    let mut highest = 0;
    for name in dir.names(APPLICATION_DIR)? {
        highest = highest.max(serial(&name).unwrap_or(0));
    }
    for name in dir.names(QUARANTINE_DIR)? {
        highest = highest.max(serial(&name).unwrap_or(0));
    }
    for profile in dir.names(ARCHIVE_DIR)? {
        for month in dir
            .names(&format!("{ARCHIVE_DIR}/{profile}"))?
            .into_iter()
            .filter(|n| is_month(n))
        {
            for name in dir.names(&format!("{ARCHIVE_DIR}/{profile}/{month}"))? {
                highest = highest.max(serial(&name).unwrap_or(0));
            }
        }
    }
    Ok(highest)
}

/// The highest serial the session knows of, in memory or on disk.
pub fn highest_serial(session: &Session) -> Result<u64> {
    Ok(session
        .open
        .highest_serial()
        .max(highest_serial_in(&session.dir)?))
}

/// The old one-file inbox (`inbox/<profile>.ron`, schema 1).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct LegacyInbox {
    schema_version: u32,
    messages: Vec<LegacyMessage>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct LegacyMessage {
    at: NaiveDateTime,
    channel: Channel,
    to: Option<String>,
    text: String,
    read: bool,
    application: Option<String>,
}

impl Versioned for LegacyInbox {
    const SCHEMA_VERSION: u32 = 1;
    const KIND: &'static str = "消息";
}

/// Splits an old one-file inbox into segments and a header, in one commit that also removes
/// the old file. Messages before the first unread one count as read.
pub fn migrate_legacy_inbox(dir: &DataDir, profile: &str, notices: &mut Vec<String>) -> Result<()> {
    let legacy_file = format!("{INBOX_DIR}/{profile}.ron");
    let legacy = match dir.load::<LegacyInbox>(&legacy_file)? {
        Load::Ready(legacy) => legacy,
        Load::Missing => return Ok(()),
        other => {
            notices.extend(other.notice());
            return Ok(());
        }
    };
    let mut header = InboxHeader::default();
    let mut segments: Vec<Segment> = Vec::new();
    let mut read_through = None;
    for (i, old) in legacy.messages.into_iter().enumerate() {
        let seq = i as u64 + 1;
        if !old.read && read_through.is_none() {
            read_through = Some(seq - 1);
        }
        let newest = segments.last().map(|s| (s.name.as_str(), s.messages.len()));
        let name = segment_for(newest, old.at);
        if segments.last().is_none_or(|s| s.name != name) {
            segments.push(Segment::new(name));
        }
        let message = Message {
            seq,
            at: old.at,
            channel: old.channel,
            to: old.to,
            text: old.text,
            application: old.application,
        };
        header.delivered = seq;
        header.latest = header.latest.max(Some(message.at));
        if let Some(segment) = segments.last_mut() {
            segment.messages.push(message);
        }
    }
    header.read_through = read_through.unwrap_or(header.delivered);
    header.newest = segments.last().map(|s| s.name.clone());
    let mut ops = Vec::new();
    for segment in &segments {
        ops.push(dir.put(&segment_file(profile, &segment.name), segment, false)?);
    }
    ops.push(dir.put(&inbox_header_file(profile), &header, false)?);
    ops.push(Op::Delete { path: legacy_file });
    dir.commit(ops)
        .map_err(anyhow::Error::new)
        .context("升级消息文件失败")
}

fn segment_names(dir: &DataDir, profile: &str) -> Result<Vec<String>> {
    Ok(dir
        .names(&format!("{INBOX_DIR}/{profile}"))
        .context("无法列出 inbox 目录")?
        .into_iter()
        .filter(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        .filter_map(|n| n.strip_suffix(".ron").map(str::to_string))
        .collect())
}

/// An account's header, segment names and newest segment. A lost header is rebuilt from the
/// newest segment, and the notice says how.
pub fn load_inbox(
    dir: &DataDir,
    profile: &str,
    notices: &mut Vec<String>,
) -> Result<Loaded<InboxView>> {
    let segments = segment_names(dir, profile)?;
    let (header, rebuilt_header) = match dir.load::<InboxHeader>(&inbox_header_file(profile))? {
        // A header that names a message file the folder does not hold was damaged in a way
        // that still parses: it is rebuilt like a lost one, never followed to a path.
        Load::Ready(header) | Load::ReadOnly(header)
            if header
                .newest
                .as_ref()
                .is_some_and(|name| !segments.contains(name)) =>
        {
            (None, true)
        }
        Load::Ready(header) | Load::ReadOnly(header) => (Some(header), false),
        other => {
            notices.extend(other.notice());
            (None, !segments.is_empty())
        }
    };
    let newest_name = header
        .as_ref()
        .and_then(|h| h.newest.clone())
        .or_else(|| segments.last().cloned());
    let newest = match &newest_name {
        Some(name) => {
            let loaded = dir.load::<Segment>(&segment_file(profile, name))?;
            notices.extend(loaded.notice());
            loaded.into_value()
        }
        None => None,
    };
    // A lost header loses the read mark: the newest segment's messages count as unread (the
    // safe side: a message is never hidden as read), the older ones as read.
    let header = header.unwrap_or_else(|| {
        let messages = newest.as_ref().map_or(&[][..], |s| &s.messages[..]);
        let delivered = messages.last().map_or(0, |m| m.seq);
        let read_through = messages.first().map_or(0, |m| m.seq.saturating_sub(1));
        if rebuilt_header {
            notices.push(format!(
                "账号 {profile} 的消息索引已按消息文件重建：最近{}条标为未读，更早的视为已读",
                delivered - read_through
            ));
        }
        InboxHeader {
            delivered,
            read_through,
            newest: newest.as_ref().map(|s| s.name.clone()),
            latest: messages.last().map(|m| m.at),
            ..InboxHeader::default()
        }
    });
    Ok(Loaded {
        value: InboxView {
            header,
            newest,
            shown: None,
            segments,
        },
        rebuilt: rebuilt_header,
    })
}

/// 消息 shows segment `name` of the signed-in account (the newest when `None`).
pub fn show_segment(session: &mut Session, name: Option<&str>) -> Result<()> {
    let profile = session.state.current_profile.clone();
    let segments = segment_names(&session.dir, &profile)?;
    let shown = match name {
        Some(name)
            if session
                .inboxes
                .get(&profile)
                .and_then(|v| v.newest.as_ref())
                .is_none_or(|n| n.name != name) =>
        {
            let loaded = session.dir.load::<Segment>(&segment_file(&profile, name))?;
            session.notices.extend(loaded.notice());
            loaded.into_value()
        }
        _ => None,
    };
    let view = session.inboxes.entry(profile).or_default();
    view.segments = segments;
    view.shown = shown;
    Ok(())
}

/// Makes a finished application of the signed-in account readable by number (from a message
/// or 网办进度): one file read, kept among the few viewed ones.
pub fn view_application(session: &mut Session, number: &str) -> Result<bool> {
    if session.open.contains(number) {
        return Ok(true);
    }
    if let Some(at) = session
        .viewed
        .iter()
        .position(|t| t.application.number == number)
    {
        let app = session.viewed.remove(at);
        session.viewed.push(app);
        return Ok(true);
    }
    let profile = session.state.current_profile.clone();
    let loaded = session
        .dir
        .load::<Application>(&archive_file(&profile, number))?;
    session.notices.extend(loaded.notice());
    let Some(app) = loaded.into_value() else {
        return Ok(false);
    };
    keep_viewed(session, app);
    Ok(true)
}

/// Keeps `app` readable for the screens (the latest few), folded once here.
pub fn keep_viewed(session: &mut Session, app: Application) {
    session
        .viewed
        .retain(|t| t.application.number != app.number);
    session.viewed.push(Tracked::new(app));
    let excess = session.viewed.len().saturating_sub(VIEWED_KEPT);
    session.viewed.drain(..excess);
}

/// Page `page` (from 0, newest first) of the signed-in account's applications, open and
/// archived: the counts come from the index and the open set, and only the rows shown are read.
pub fn load_progress_page(session: &mut Session, catalog: &Catalog, page: usize) -> Result<()> {
    let me = session.state.current_profile.clone();
    let mut open_by_month: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for app in session.open.values().filter(|a| a.applicant == me) {
        let month = month_of(&app.number).unwrap_or_default();
        open_by_month
            .entry(month)
            .or_default()
            .push(app.number.clone());
    }
    let index = session.archive.get(&me).cloned().unwrap_or_default();
    let mut months: Vec<String> = index
        .months
        .iter()
        .map(|m| m.month.clone())
        .chain(open_by_month.keys().cloned())
        .collect();
    months.sort();
    months.dedup();
    months.reverse();
    let open_count = |m: &str| open_by_month.get(m).map_or(0, Vec::len) as u64;
    let total: u64 = months.iter().map(|m| index.count(m) + open_count(m)).sum();
    let pages = total.div_ceil(PAGE_ROWS as u64).max(1) as usize;
    let page = page.min(pages - 1);
    let mut skip = (page * PAGE_ROWS) as u64;
    let mut numbers: Vec<(String, bool)> = Vec::new();
    for month in &months {
        if numbers.len() >= PAGE_ROWS {
            break;
        }
        let here = index.count(month) + open_count(month);
        if skip >= here {
            skip -= here;
            continue;
        }
        let mut in_month: Vec<(String, bool)> = session
            .dir
            .list(&format!("{ARCHIVE_DIR}/{me}/{month}"), "ron")
            .context("无法列出 archive 目录")?
            .into_iter()
            .filter_map(|f| {
                let name = f.rsplit('/').next()?;
                Some((name.strip_suffix(".ron")?.to_string(), false))
            })
            .chain(
                open_by_month
                    .get(month)
                    .into_iter()
                    .flatten()
                    .map(|n| (n.clone(), true)),
            )
            .collect();
        in_month.sort_by(|a, b| serial_of(&b.0).cmp(&serial_of(&a.0)).then(b.0.cmp(&a.0)));
        in_month.dedup_by(|a, b| a.0 == b.0);
        let want = PAGE_ROWS - numbers.len();
        numbers.extend(in_month.into_iter().skip(skip as usize).take(want));
        skip = 0;
    }
    let mut rows = Vec::with_capacity(numbers.len());
    for (number, open) in numbers {
        let archived;
        let app = if open {
            session.open.get(&number)
        } else {
            let loaded = session
                .dir
                .load::<Application>(&archive_file(&me, &number))?;
            session.notices.extend(loaded.notice());
            archived = loaded.into_value();
            archived.as_ref()
        };
        let Some(app) = app else { continue };
        let flow = catalog.flow(&app.flow_id);
        let title = flow.map_or(app.flow_id.clone(), |f| f.title.clone());
        rows.push(ProgressRow {
            number: app.number.clone(),
            label: format!("{title}  {}", app.created_at.format("%Y-%m-%d %H:%M")),
            status: status_label(&app.state(), flow.and_then(|f| f.process.as_ref())),
        });
    }
    session.progress = ProgressPage {
        page,
        pages,
        total: total as usize,
        rows,
    };
    Ok(())
}
