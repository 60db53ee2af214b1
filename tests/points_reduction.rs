//! 学法减分 in the engine, without a terminal: the 30-minute study on the simulated clock (idle
//! time never counts, the 3-day window expires), the exam (fail, retake, pass, retakes used
//! up), face checks failing, the 公益活动 (early, late, leaving early), 公示 with an objection,
//! the cap, and the −1 point applied to the profile.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDateTime};
use jiaoguan::domain::ledger::points_after_reductions;
use jiaoguan::domain::profile::{Profile, Reduction, ReductionSource};
use jiaoguan::engine::application::{Application, EventKind};
use jiaoguan::engine::effects::{self, ProfileChange};
use jiaoguan::engine::inbox::Channel;
use jiaoguan::engine::step::{Command, create, handle};
use jiaoguan::flow::process::Outcome;
use jiaoguan::flow::process::StudyTerms;

mod common;
use common::engine::*;

/// 学法减分's 课件学习 as its business file gives it.
const THIRTY_MINUTES: StudyTerms = StudyTerms {
    minutes: 30,
    within_days: 3,
    min_per_day: None,
    from_start_day: false,
};

const FLOW: &str = "points_reduction_study";

/// An application being carried along, with the time and a fresh command id for each step.
struct Case {
    s: Setup,
    profile: Profile,
    app: Application,
    now: NaiveDateTime,
    steps: u32,
}

impl Case {
    fn new(persona_id: &str, method: &[(&str, &str)]) -> Case {
        let s = setup();
        let profile = persona(persona_id);
        let now = at(2026, 3, 2, 9);
        let app = create("20260302000001", s.flow(FLOW), &profile.id, now);
        let mut case = Case {
            s,
            profile,
            app,
            now,
            steps: 0,
        };
        let mut given = answers(method);
        let licence = case.profile.licence.as_ref().expect("a licence");
        given.insert("subject".into(), licence.file_number.clone());
        case.run(Command::Submit { answers: given });
        case
    }

    fn online() -> Case {
        Case::new("truck_a2", &[("method", "online")])
    }

    /// 公益网点, the session of day 1 from 14:00 to 15:00 (2026-03-03).
    fn welfare() -> Case {
        Case::new(
            "truck_a2",
            &[("method", "welfare"), ("session", "wh-ja-w2")],
        )
    }

    fn try_run(&mut self, command: Command) -> Result<Vec<EventKind>, String> {
        self.steps += 1;
        let id = format!("step-{}", self.steps);
        let flow = self.s.flow(FLOW);
        let world = self.s.world(&self.profile);
        let events = handle(&self.app, flow, &command, &id, self.now, &world).map_err(|e| e.0)?;
        for event in &events {
            if let EventKind::ProfileChanged(change) = &event.kind {
                effects::apply(change, &mut self.profile).expect("effect applies");
            }
        }
        let kinds = events.iter().map(|e| e.kind.clone()).collect();
        self.app.events.extend(events);
        Ok(kinds)
    }

    fn run(&mut self, command: Command) -> Vec<EventKind> {
        self.try_run(command).expect("command accepted")
    }

    fn at_time(&mut self, to: NaiveDateTime) -> Vec<EventKind> {
        self.now = to;
        self.run(Command::Advance)
    }

    fn wait(&mut self, minutes: i64) -> Vec<EventKind> {
        let to = self.now + Duration::minutes(minutes);
        self.at_time(to)
    }

    fn stage(&self) -> String {
        self.app.state().stage.unwrap_or_default()
    }

    fn studied_minutes(&self) -> u32 {
        self.app
            .state()
            .local
            .study()
            .studied_seconds(self.now, &THIRTY_MINUTES)
            / 60
    }

    /// Studies the 30 minutes, passing each face check as it falls due, then 提交学习.
    fn study_through(&mut self) {
        self.run(Command::BeginStudy);
        for _ in 0..10 {
            let state = self.app.state();
            if state.local.study().check_pending(self.now, &THIRTY_MINUTES) {
                self.run(Command::FaceCheck);
            } else if state
                .local
                .study()
                .studied_seconds(self.now, &THIRTY_MINUTES)
                >= 1800
            {
                break;
            } else {
                let next = state
                    .local
                    .study()
                    .next_moment(&THIRTY_MINUTES)
                    .expect("a study runs");
                self.at_time(next);
            }
        }
        self.run(Command::CompleteTask {
            answers: BTreeMap::new(),
        });
        assert_eq!(self.stage(), "exam");
    }

    /// Answers every question of the running paper, right or wrong, passing the face checks.
    fn answer_paper(&mut self, right: bool) {
        let paper = self.app.state().local.exam().paper.clone();
        for (i, id) in paper.iter().enumerate() {
            let question = self
                .s
                .resources
                .questions
                .get(id)
                .expect("in the bank")
                .clone();
            let index = u32::try_from(i).expect("small");
            if self.app.state().local.exam().check_due_before(index) {
                self.run(Command::FaceCheck);
            }
            let chosen = if right {
                question.answer.clone()
            } else {
                // A wrong option, or for a multiple-choice question whose options are all
                // correct, only one of them.
                let wrong = (0..question.options.len()).find(|o| !question.answer.contains(o));
                vec![wrong.unwrap_or(question.answer[0])]
            };
            self.run(Command::Answer {
                question: index,
                chosen,
            });
        }
    }
}

#[test]
fn the_online_path_studies_passes_the_exam_and_takes_one_point_off() {
    let mut c = Case::online();
    let before = points_after_reductions(&c.profile, c.now.date());
    assert_eq!(before, 10);
    assert_eq!(c.stage(), "study", "预核验 and 受理 pass at once");
    c.study_through();
    c.run(Command::BeginExam);
    assert_eq!(c.app.state().local.exam().paper.len(), 20);
    c.answer_paper(true);
    c.run(Command::HandIn);
    assert_eq!(c.stage(), "exam_identity");
    c.run(Command::FaceCheck);
    assert_eq!(c.stage(), "apply_online");
    let kinds = c.run(Command::CompleteTask {
        answers: BTreeMap::new(),
    });
    assert_eq!(c.app.state().outcome, Some(Outcome::Done));
    assert!(kinds.iter().any(|k| matches!(
        k,
        EventKind::ProfileChanged(ProfileChange::PointsReduced(Reduction {
            source: ReductionSource::OnlineStudy,
            points: 1,
            ..
        }))
    )));
    assert_eq!(points_after_reductions(&c.profile, c.now.date()), 9);
    let reduction = c.profile.reductions.last().expect("recorded");
    assert_eq!(reduction.application.as_deref(), Some("20260302000001"));
}

#[test]
fn study_left_idle_stops_counting_at_the_face_check() {
    let mut c = Case::online();
    c.run(Command::BeginStudy);
    let first_check = c.app.state().local.study().checkpoints[0];
    // Two hours pass with nobody answering the face check: only the time up to it counts.
    c.wait(120);
    assert_eq!(c.studied_minutes(), first_check / 60);
    assert!(
        c.app
            .state()
            .local
            .study()
            .check_pending(c.now, &THIRTY_MINUTES)
    );
    c.run(Command::FaceCheck);
    c.wait(3);
    assert_eq!(c.studied_minutes(), first_check / 60 + 3);
    // 结束学习: the minutes are kept, and nothing counts while paused.
    c.run(Command::PauseStudy);
    c.wait(600);
    assert_eq!(c.studied_minutes(), first_check / 60 + 3);
}

#[test]
fn the_three_day_window_expires_with_the_minutes_short() {
    let mut c = Case::online();
    c.run(Command::BeginStudy);
    let window = c.app.state().local.study().window_ends.expect("opened");
    // Started Monday 09:00: the three days are Tuesday to Thursday, closing at 24:00 on
    // Thursday (R163 Art.36), not 72 hours later.
    assert_eq!(
        window,
        at(2026, 3, 6, 0),
        "24:00 of the third day after the start"
    );
    c.wait(5);
    c.run(Command::PauseStudy);
    c.at_time(window - Duration::minutes(1));
    assert_eq!(c.stage(), "study", "still open a minute before");
    let kinds = c.at_time(window);
    assert_eq!(c.app.state().outcome, Some(Outcome::Void));
    assert_eq!(c.stage(), "study_expired");
    let reason = c.app.state().last_reason.unwrap_or_default();
    assert!(reason.contains("累计学习5分钟，未满30分钟"), "{reason}");
    assert!(kinds.iter().any(|k| matches!(
        k,
        EventKind::Sent {
            channel: Channel::Sms,
            ..
        }
    )));
    assert_eq!(points_after_reductions(&c.profile, c.now.date()), 10);
}

#[test]
fn an_exam_failed_is_retaken_and_passed() {
    let mut c = Case::online();
    c.study_through();
    c.run(Command::BeginExam);
    let first_paper = c.app.state().local.exam().paper.clone();
    c.answer_paper(false);
    c.run(Command::HandIn);
    let state = c.app.state();
    assert_eq!(c.stage(), "exam", "a retake is left");
    assert_eq!(state.local.exam().results[0].correct, 0);
    assert!(!state.local.exam().in_progress);
    c.run(Command::BeginExam);
    assert_eq!(c.app.state().local.exam().attempts, 2);
    assert_ne!(c.app.state().local.exam().paper, first_paper, "a new paper");
    c.answer_paper(true);
    c.run(Command::HandIn);
    assert_eq!(c.stage(), "exam_identity");
}

#[test]
fn retakes_used_up_end_the_application() {
    let mut c = Case::online();
    c.study_through();
    for _ in 0..3 {
        c.run(Command::BeginExam);
        c.answer_paper(false);
        c.run(Command::HandIn);
    }
    assert_eq!(c.stage(), "exam_failed");
    assert_eq!(c.app.state().outcome, Some(Outcome::Void));
    assert!(c.try_run(Command::BeginExam).is_err());
}

#[test]
fn time_up_marks_the_paper_as_answered_so_far() {
    let mut c = Case::online();
    c.study_through();
    c.run(Command::BeginExam);
    let ends = c.app.state().local.exam().ends.expect("timed");
    assert_eq!(ends, c.now + Duration::minutes(20), "20 questions x 60 s");
    c.at_time(ends);
    let state = c.app.state();
    assert!(!state.local.exam().in_progress);
    assert_eq!(state.local.exam().results.len(), 1);
    assert_eq!(state.local.exam().results[0].correct, 0);
}

#[test]
fn a_face_check_failing_three_times_voids_the_study_segment() {
    let mut c = Case::online();
    c.run(Command::BeginStudy);
    let first_check = c.app.state().local.study().checkpoints[0];
    c.wait(60);
    c.s.policy.force_face_failure = true;
    let kinds = c.run(Command::FaceCheck);
    assert!(kinds.contains(&EventKind::FaceChecked { passed: false }));
    assert!(
        c.app.state().local.study().open_since.is_some(),
        "a retry is allowed"
    );
    c.run(Command::FaceCheck);
    c.run(Command::FaceCheck);
    let state = c.app.state();
    assert_eq!(
        state.local.study().open_since,
        None,
        "the session is closed"
    );
    assert_eq!(
        state.local.study().banked_seconds,
        0,
        "the segment does not count"
    );
    assert!(first_check > 0);
    // A failed 实人认证 refuses to start studying, and nothing else changes.
    let kinds = c.run(Command::BeginStudy);
    assert_eq!(kinds, vec![EventKind::FaceChecked { passed: false }]);
    c.s.policy.force_face_failure = false;
    c.run(Command::BeginStudy);
    assert!(c.app.state().local.study().open_since.is_some());
}

#[test]
fn the_welfare_path_signs_in_and_out_waits_out_the_notice_and_takes_one_point_off() {
    let mut c = Case::welfare();
    assert_eq!(c.stage(), "activity");
    assert_eq!(
        c.app.state().due,
        Some(at(2026, 3, 3, 14)),
        "sign in by the start"
    );
    let early = c.try_run(Command::FaceCheck).expect_err("too early");
    assert!(early.contains("03-03 13:30 起可以签到"), "{early}");
    c.at_time(at(2026, 3, 3, 13) + Duration::minutes(40));
    c.run(Command::FaceCheck);
    assert!(c.app.state().local.attendance().signed_in.is_some());
    c.at_time(at(2026, 3, 3, 15) + Duration::minutes(2));
    c.run(Command::FaceCheck);
    assert_eq!(c.stage(), "publicity");
    assert_eq!(
        c.app.state().due,
        Some(at(2026, 3, 5, 15) + Duration::minutes(2))
    );
    c.at_time(at(2026, 3, 5, 16));
    assert_eq!(c.stage(), "apply_welfare", "2 days without objection");
    c.run(Command::CompleteTask {
        answers: BTreeMap::new(),
    });
    assert_eq!(c.app.state().outcome, Some(Outcome::Done));
    assert_eq!(points_after_reductions(&c.profile, c.now.date()), 9);
    assert_eq!(
        c.profile.reductions.last().map(|r| r.source),
        Some(ReductionSource::WelfareActivity)
    );
}

#[test]
fn leaving_early_voids_the_activity_and_bars_the_welfare_path_for_the_cycle() {
    let mut c = Case::welfare();
    c.at_time(at(2026, 3, 3, 13) + Duration::minutes(50));
    c.run(Command::FaceCheck);
    c.at_time(at(2026, 3, 3, 14) + Duration::minutes(40));
    c.run(Command::FaceCheck);
    assert_eq!(c.stage(), "activity_void");
    assert_eq!(c.app.state().outcome, Some(Outcome::Void));
    let reason = c.app.state().last_reason.unwrap_or_default();
    assert!(reason.contains("早退"), "{reason}");
    assert_eq!(c.profile.welfare_bars, vec![at(2026, 3, 3, 14).date()]);
    let barred = jiaoguan::domain::rules::points::welfare_barred(&c.profile, c.now.date());
    assert!(barred.is_some_and(|r| r.contains("不能再通过公益活动减分")));
    assert_eq!(points_after_reductions(&c.profile, c.now.date()), 10);
}

#[test]
fn not_signing_in_by_the_start_voids_the_activity() {
    let mut c = Case::welfare();
    c.at_time(at(2026, 3, 3, 14) + Duration::minutes(5));
    assert_eq!(c.stage(), "activity_void");
    let reason = c.app.state().last_reason.unwrap_or_default();
    assert!(reason.contains("迟到或缺席"), "{reason}");
}

#[test]
fn an_objection_during_the_notice_voids_the_reduction() {
    let mut c = Case::welfare();
    c.at_time(at(2026, 3, 3, 13) + Duration::minutes(45));
    c.run(Command::FaceCheck);
    c.at_time(at(2026, 3, 3, 15));
    c.run(Command::FaceCheck);
    assert_eq!(c.stage(), "publicity");
    c.wait(60 * 24);
    c.run(Command::Object { reason: None });
    assert_eq!(c.stage(), "objected");
    assert_eq!(c.app.state().outcome, Some(Outcome::Rejected));
    c.at_time(at(2026, 3, 9, 9));
    assert_eq!(points_after_reductions(&c.profile, c.now.date()), 10);
    assert!(c.profile.reductions.iter().all(|r| r.application.is_none()));
}

#[test]
fn a_driver_who_already_reduced_six_points_is_refused_naming_the_cap() {
    let mut profile = persona("truck_a2");
    for day in [10, 11, 12, 13, 14, 15] {
        profile.reductions.push(Reduction {
            date: at(2026, 2, day, 9).date(),
            points: 1,
            source: ReductionSource::OnlineStudy,
            application: None,
        });
    }
    let s = setup();
    let flow = s.flow(FLOW);
    let app = create("20260302000009", flow, &profile.id, at(2026, 3, 2, 9));
    let events = handle(
        &app,
        flow,
        &Command::Submit {
            answers: answers(&[
                ("method", "online"),
                (
                    "subject",
                    &profile.licence.as_ref().expect("a licence").file_number,
                ),
            ]),
        },
        "submit",
        at(2026, 3, 2, 9),
        &s.world(&profile),
    )
    .expect("accepted, then refused by the pre-check");
    let mut app = app;
    app.events.extend(events);
    let state = app.state();
    assert_eq!(state.outcome, Some(Outcome::Rejected));
    let reason = state.last_reason.unwrap_or_default();
    assert!(reason.contains("已通过学法减分扣减6分"), "{reason}");
    assert!(reason.contains("第二十五条"), "{reason}");
}

#[test]
fn replaying_the_log_rebuilds_the_same_state() {
    let mut c = Case::online();
    c.study_through();
    c.run(Command::BeginExam);
    c.answer_paper(true);
    let replayed: Application = ron::from_str(&ron::to_string(&c.app).expect("ser")).expect("de");
    assert_eq!(replayed.state(), c.app.state());
}
