//! Applications written by schema 1 and 2 (one flat list of events, effects logged by name),
//! read into schema 3. Needs no business definition: a kind's event is put under the stage
//! the preceding `Entered` named, a rejection gets the record later stages count, and an
//! effect is kept by name (`AppliedBefore`) since what it changed is already in the profile.
//! Schema 2 logged no seat claims; `claim_seats` adds them once the bookable sessions are
//! known.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use serde::Deserialize;

use super::application::{
    APPLICATION_SCHEMA_VERSION, Actor, Application, Claim, Event, EventKind, Record,
};
use super::inbox::Channel;
use super::stages::{ActivityEvent, ExamEvent, StageEvent, StudyEvent, TaskEvent};
use crate::flow::process::{Effect, Outcome, Signal};
use crate::on_demand::OnDemand;

/// The file as schema 1 and 2 wrote it.
#[derive(Debug, Deserialize)]
pub struct ApplicationV2 {
    number: String,
    flow_id: String,
    flow_version: u32,
    applicant: String,
    created_at: NaiveDateTime,
    #[serde(default)]
    submit_token: Option<String>,
    events: Vec<EventV2>,
}

#[derive(Debug, Deserialize)]
struct EventV2 {
    at: NaiveDateTime,
    actor: Actor,
    command_id: String,
    kind: KindV2,
}

/// Schema 2's events, frozen as they were written.
#[derive(Debug, Deserialize)]
enum KindV2 {
    Submitted {
        answers: BTreeMap<String, String>,
    },
    Entered {
        stage: String,
        due: Option<NaiveDateTime>,
    },
    Signalled {
        stage: String,
        signal: Signal,
        reason: Option<String>,
    },
    TaskDone {
        stage: String,
        answers: BTreeMap<String, String>,
    },
    Applied {
        effect: Effect,
        text: Option<String>,
    },
    Finished {
        outcome: Outcome,
    },
    FaceChecked {
        passed: bool,
    },
    StudyStarted {
        window_ends: Option<NaiveDateTime>,
        checkpoints: Option<Vec<u32>>,
    },
    StudyCounted {
        seconds: u32,
        resume: bool,
    },
    ExamStarted {
        attempt: u32,
        paper: Vec<String>,
        checkpoints: Vec<u32>,
        ends: NaiveDateTime,
    },
    Answered {
        question: u32,
        chosen: Vec<usize>,
    },
    ExamScored {
        attempt: u32,
        correct: u32,
        total: u32,
        voided: bool,
    },
    SignedIn {
        sign_out_by: NaiveDateTime,
    },
    SignedOut,
}

/// Schema 2 → 3. The events are numbered again from 1, since a rejection gains a record.
pub fn upgrade(old: ApplicationV2) -> Application {
    let mut stage = String::new();
    let mut kinds = Vec::with_capacity(old.events.len());
    for event in old.events {
        let at = (event.at, event.actor, event.command_id);
        let under_stage = |kind: StageEvent| EventKind::Stage {
            stage: stage.clone(),
            event: kind,
        };
        let kind = match event.kind {
            KindV2::Submitted { answers } => EventKind::Submitted { answers },
            KindV2::Entered {
                stage: entered,
                due,
            } => {
                stage.clone_from(&entered);
                EventKind::Entered {
                    stage: entered,
                    due,
                }
            }
            KindV2::Signalled {
                stage: from,
                signal,
                reason,
            } => {
                if signal == Signal::Rejected {
                    let record = Record::ReviewRejected {
                        stage: from.clone(),
                    };
                    kinds.push((at.clone(), EventKind::Recorded(record)));
                }
                EventKind::Signalled {
                    stage: from,
                    signal,
                    reason,
                }
            }
            KindV2::TaskDone { stage, answers } => EventKind::Stage {
                stage,
                event: StageEvent::Task(TaskEvent::Done { answers }),
            },
            KindV2::Applied {
                effect: Effect::Sms(_),
                text,
            } => sent(Channel::Sms, text),
            KindV2::Applied {
                effect: Effect::Notice(_),
                text,
            } => sent(Channel::Notice, text),
            KindV2::Applied { effect, .. } => EventKind::AppliedBefore { effect },
            KindV2::Finished { outcome } => EventKind::Finished { outcome },
            KindV2::FaceChecked { passed } => EventKind::FaceChecked { passed },
            KindV2::StudyStarted {
                window_ends,
                checkpoints,
            } => under_stage(StageEvent::Study(StudyEvent::Started {
                window_ends,
                checkpoints,
            })),
            KindV2::StudyCounted { seconds, resume } => {
                under_stage(StageEvent::Study(StudyEvent::Counted { seconds, resume }))
            }
            KindV2::ExamStarted {
                attempt,
                paper,
                checkpoints,
                ends,
            } => under_stage(StageEvent::Exam(ExamEvent::Started {
                attempt,
                paper,
                checkpoints,
                ends,
            })),
            KindV2::Answered { question, chosen } => {
                under_stage(StageEvent::Exam(ExamEvent::Answered { question, chosen }))
            }
            KindV2::ExamScored {
                attempt,
                correct,
                total,
                voided,
            } => under_stage(StageEvent::Exam(ExamEvent::Scored {
                attempt,
                correct,
                total,
                voided,
            })),
            KindV2::SignedIn { sign_out_by } => {
                under_stage(StageEvent::Activity(ActivityEvent::SignedIn {
                    sign_out_by,
                }))
            }
            KindV2::SignedOut => under_stage(StageEvent::Activity(ActivityEvent::SignedOut)),
        };
        kinds.push((at, kind));
    }
    Application {
        schema_version: APPLICATION_SCHEMA_VERSION,
        number: old.number,
        flow_id: old.flow_id,
        flow_version: old.flow_version,
        applicant: old.applicant,
        created_at: old.created_at,
        submit_token: old.submit_token,
        seats_unclaimed: true,
        events: numbered(kinds),
    }
}

fn sent(channel: Channel, text: Option<String>) -> EventKind {
    EventKind::Sent {
        channel,
        to: None,
        text: text.unwrap_or_default(),
    }
}

fn numbered(kinds: Vec<((NaiveDateTime, Actor, String), EventKind)>) -> Vec<Event> {
    (1..)
        .zip(kinds)
        .map(|(seq, ((at, actor, command_id), kind))| Event {
            seq,
            at,
            actor,
            command_id,
            kind,
        })
        .collect()
}

/// Logs the seats an application read from schema 2 took at 提交: its answers that name a
/// bookable session, each claimed right after `Submitted`. Does nothing to other applications,
/// and reads the sessions (`bookable`, parsed on first use) only for such an application.
pub fn claim_seats(app: &mut Application, bookable: &OnDemand<BTreeSet<String>>) {
    if !std::mem::take(&mut app.seats_unclaimed) {
        return;
    }
    let Some(EventKind::Submitted { answers }) = app.events.first().map(|e| &e.kind) else {
        return;
    };
    let claims: Vec<Claim> = answers
        .values()
        .filter(|v| bookable.contains(*v))
        .map(|session| Claim::Seat {
            session: session.clone(),
        })
        .collect();
    if claims.is_empty() {
        return;
    }
    let first = app.events.remove(0);
    let mut kinds = vec![(
        (first.at, first.actor, first.command_id.clone()),
        first.kind,
    )];
    for claim in claims {
        let at = (first.at, first.actor, first.command_id.clone());
        kinds.push((at, EventKind::Claimed(claim)));
    }
    kinds.extend(
        app.events
            .drain(..)
            .map(|e| ((e.at, e.actor, e.command_id), e.kind)),
    );
    app.events = numbered(kinds);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::stages::Local;

    /// One event of every schema-2 kind, as schema 2 wrote them, in one log.
    const V2: &str = r#"(
  schema_version: 2,
  number: "20260302000009",
  flow_id: "any",
  flow_version: 1,
  applicant: "p",
  created_at: "2026-03-02T09:00:00",
  events: [
    (seq: 1, at: "2026-03-02T09:00:00", actor: User, command_id: "c1", kind: Submitted(answers: {"photo": "a"})),
    (seq: 2, at: "2026-03-02T09:00:00", actor: System, command_id: "c1", kind: Entered(stage: "review", due: None)),
    (seq: 3, at: "2026-03-02T10:00:00", actor: Police, command_id: "c2", kind: Signalled(stage: "review", signal: Rejected, reason: Some("照片不符合要求"))),
    (seq: 4, at: "2026-03-02T10:00:00", actor: System, command_id: "c2", kind: Entered(stage: "task", due: None)),
    (seq: 5, at: "2026-03-02T10:00:00", actor: System, command_id: "c2", kind: Applied(effect: Sms("x{number}"), text: Some("x20260302000009"))),
    (seq: 6, at: "2026-03-02T11:00:00", actor: User, command_id: "c3", kind: TaskDone(stage: "task", answers: {"photo": "b"})),
    (seq: 7, at: "2026-03-02T11:00:00", actor: System, command_id: "c3", kind: Entered(stage: "study", due: None)),
    (seq: 8, at: "2026-03-02T11:00:00", actor: User, command_id: "c4", kind: FaceChecked(passed: true)),
    (seq: 9, at: "2026-03-02T11:00:00", actor: User, command_id: "c4", kind: StudyStarted(window_ends: Some("2026-03-05T11:00:00"), checkpoints: Some([600]))),
    (seq: 10, at: "2026-03-02T11:10:00", actor: System, command_id: "c5", kind: StudyCounted(seconds: 600, resume: false)),
    (seq: 11, at: "2026-03-02T11:10:00", actor: System, command_id: "c5", kind: Entered(stage: "exam", due: None)),
    (seq: 12, at: "2026-03-02T11:10:00", actor: User, command_id: "c6", kind: ExamStarted(attempt: 1, paper: ["q1", "q2"], checkpoints: [1], ends: "2026-03-02T11:12:00")),
    (seq: 13, at: "2026-03-02T11:11:00", actor: User, command_id: "c7", kind: Answered(question: 0, chosen: [1])),
    (seq: 14, at: "2026-03-02T11:11:30", actor: System, command_id: "c8", kind: ExamScored(attempt: 1, correct: 1, total: 2, voided: false)),
    (seq: 15, at: "2026-03-02T11:11:30", actor: System, command_id: "c8", kind: Entered(stage: "activity", due: None)),
    (seq: 16, at: "2026-03-02T12:00:00", actor: User, command_id: "c9", kind: SignedIn(sign_out_by: "2026-03-02T13:30:00")),
    (seq: 17, at: "2026-03-02T13:00:00", actor: User, command_id: "c10", kind: SignedOut),
    (seq: 18, at: "2026-03-02T13:00:00", actor: System, command_id: "c10", kind: Entered(stage: "done", due: None)),
    (seq: 19, at: "2026-03-02T13:00:00", actor: System, command_id: "c10", kind: Applied(effect: ReducePoints(WelfareActivity), text: None)),
    (seq: 20, at: "2026-03-02T13:00:00", actor: System, command_id: "c10", kind: Finished(outcome: Done)),
  ],
)"#;

    fn upgraded() -> Application {
        let old: ApplicationV2 = ron::from_str(V2).unwrap_or_else(|e| panic!("{e}"));
        upgrade(old)
    }

    fn stage_events(app: &Application) -> Vec<(&str, &StageEvent)> {
        app.events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Stage { stage, event } => Some((stage.as_str(), event)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn each_kind_event_goes_under_the_stage_entered_before_it() {
        let app = upgraded();
        let stages: Vec<&str> = stage_events(&app).iter().map(|(s, _)| *s).collect();
        assert_eq!(
            stages,
            [
                "task", "study", "study", "exam", "exam", "exam", "activity", "activity"
            ]
        );
        assert!(matches!(
            stage_events(&app)[0].1,
            StageEvent::Task(TaskEvent::Done { answers }) if answers["photo"] == "b"
        ));
    }

    #[test]
    fn a_rejection_gains_its_record_and_the_log_is_numbered_again() {
        let app = upgraded();
        assert_eq!(app.events.len(), 21);
        assert_eq!(
            app.events.iter().map(|e| e.seq).collect::<Vec<_>>(),
            (1..=21).collect::<Vec<_>>()
        );
        assert_eq!(
            app.events[2].kind,
            EventKind::Recorded(Record::ReviewRejected {
                stage: "review".into()
            })
        );
        assert_eq!(app.events[2].command_id, "c2");
        assert_eq!(app.state().review_rejections(), 1);
    }

    #[test]
    fn messages_keep_their_text_and_other_effects_their_name() {
        let app = upgraded();
        let kinds: Vec<&EventKind> = app.events.iter().map(|e| &e.kind).collect();
        assert!(kinds.contains(&&EventKind::Sent {
            channel: Channel::Sms,
            to: None,
            text: "x20260302000009".into(),
        }));
        assert!(kinds.contains(&&EventKind::AppliedBefore {
            effect: Effect::ReducePoints(crate::domain::profile::ReductionSource::WelfareActivity),
        }));
    }

    #[test]
    fn the_upcast_log_folds_to_what_schema_2_folded_to() {
        let state = upgraded().state();
        assert_eq!(state.outcome, Some(Outcome::Done));
        assert_eq!(state.answers["photo"], "b");
        assert_eq!(state.local_stage.as_deref(), Some("activity"));
        let Local::Activity(attendance) = &state.local else {
            panic!("{:?}", state.local);
        };
        assert!(attendance.signed_in.is_some() && attendance.signed_out.is_some());
        // The exam's state is replaced by the later stage's, but the draws are counted per stage.
        assert_eq!(state.draws.get("study"), Some(&2));
        assert_eq!(state.draws.get("exam"), Some(&1));
    }

    #[test]
    fn seats_are_claimed_once_from_the_answers_that_name_a_bookable_session() {
        let mut app = upgraded();
        let mut answers = BTreeMap::new();
        answers.insert("session".to_string(), "bj-cy-w2".to_string());
        answers.insert("method".to_string(), "welfare".to_string());
        app.events[0].kind = EventKind::Submitted { answers };
        let bookable = OnDemand::ready(BTreeSet::from(["bj-cy-w2".to_string()]));
        claim_seats(&mut app, &bookable);
        let claims: Vec<&Claim> = app.claims().collect();
        assert_eq!(
            claims,
            [&Claim::Seat {
                session: "bj-cy-w2".into()
            }]
        );
        assert_eq!(app.events[1].seq, 2);
        assert_eq!(app.events.last().map(|e| e.seq), Some(22));
        claim_seats(&mut app, &bookable);
        assert_eq!(app.claims().count(), 1, "only once");
    }
}
