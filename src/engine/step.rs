//! The engine's one entry point: `handle(application, command, now) -> new events`. Pure: it reads
//! the profile, the calendar and the policy it is given, draws from a generator seeded by the
//! application, and returns events; the caller appends and saves them. Replaying the events
//! rebuilds the state exactly (`Application::state`).

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::application::{
    APPLICATION_SCHEMA_VERSION, Actor, Application, Event, EventKind, MAX_EVENTS, State,
};
use super::rng::SimRng;
use super::rules::{GuardInput, check, fill};
use crate::domain::calendar::WorkCalendar;
use crate::domain::exam::QuestionBank;
use crate::domain::photo::PhotoAlbum;
use crate::domain::profile::Profile;
use crate::domain::venue::SessionList;
use crate::flow::FlowDef;
use crate::flow::process::{Effect, Process, Signal, Stage, StageKind};

/// Settings of the simulation that are hints, not facts: from the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Chance in percent that a simulated face check fails.
    pub face_fail_percent: u8,
    /// Police reviews wait for the trainer (F8) instead of deciding at their deadline.
    pub hold_reviews: bool,
    /// A review due "within N working days" is decided at this hour of the N-th working day.
    pub review_hour: u32,
    /// Face checks failed in a row before the step they guard is void.
    pub face_retries: u32,
    /// Face checks at random moments of a study.
    pub study_face_checks: u32,
    /// Face checks at random questions of an exam.
    pub exam_face_checks: u32,
    /// 签到 opens this many minutes before an attended session starts.
    pub sign_in_opens_minutes: u32,
    /// 签退 must happen within this many minutes after the session ends.
    pub sign_out_grace_minutes: u32,
    /// The trainer made the next face check fail.
    pub force_face_failure: bool,
}

/// What the engine may read besides the application.
pub struct World<'a> {
    pub profile: &'a Profile,
    pub photos: &'a PhotoAlbum,
    pub calendar: &'a WorkCalendar,
    pub policy: &'a Policy,
    /// The data folder's seed; each application draws from its own stream of it.
    pub seed: u64,
    /// The 学法减分 question bank.
    pub questions: &'a QuestionBank,
    /// Bookable sessions (公益网点), dated from `clock_start`.
    pub sessions: &'a SessionList,
    pub clock_start: NaiveDate,
}

/// What the user or the trainer asks of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// 提交: the wizard's answers.
    Submit { answers: BTreeMap<String, String> },
    /// Fire what has fallen due by `now` (F9, start-up, the clock moving).
    Advance,
    /// The user did the task of the current stage (a replacement photo).
    CompleteTask { answers: BTreeMap<String, String> },
    /// The trainer decides a held police review.
    Decide {
        approve: bool,
        reason: Option<String>,
    },
    /// 前往学习: 实人认证, then a study session runs on the simulated clock.
    BeginStudy,
    /// 结束学习: the running session closes, keeping what it counted.
    PauseStudy,
    /// The face check the current step waits for: 实人认证, a check during study or the exam,
    /// 签到 or 签退.
    FaceCheck,
    /// 参加考试 / 前往补考: 实人认证, then a new paper.
    BeginExam,
    /// An answer (option indexes) to a question of the current paper.
    Answer { question: u32, chosen: Vec<usize> },
    /// 交卷.
    HandIn,
    /// The trainer lodges an objection during 公示.
    Object { reason: Option<String> },
}

/// A command the application cannot take now, with the reason in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// A new, empty application pinned to the flow's current version.
pub fn create(number: &str, flow: &FlowDef, applicant: &str, now: NaiveDateTime) -> Application {
    Application {
        schema_version: APPLICATION_SCHEMA_VERSION,
        number: number.to_string(),
        flow_id: flow.id.clone(),
        flow_version: flow.version,
        applicant: applicant.to_string(),
        created_at: now,
        submit_token: None,
        events: Vec::new(),
    }
}

/// Events being written by one command.
struct Log<'a> {
    app: &'a Application,
    flow: &'a FlowDef,
    process: &'a Process,
    world: &'a World<'a>,
    command_id: &'a str,
    state: State,
    events: Vec<Event>,
}

impl Log<'_> {
    fn push(&mut self, at: NaiveDateTime, actor: Actor, kind: EventKind) {
        let seq = self.app.next_seq() + u32::try_from(self.events.len()).unwrap_or(u32::MAX);
        let event = Event {
            seq,
            at,
            actor,
            command_id: self.command_id.to_string(),
            kind,
        };
        self.state = super::application::fold(std::mem::take(&mut self.state), &event);
        self.events.push(event);
    }

    fn guard_input(&self) -> GuardInput<'_> {
        GuardInput {
            profile: self.world.profile,
            today: self
                .events
                .last()
                .map_or(self.app.created_at, |e| e.at)
                .date(),
            answers: &self.state.answers,
            photos: self.world.photos,
            photo_rejections: self.state.photo_rejections,
        }
    }

    /// Enters a stage at `at`: sets its deadline, applies its effects.
    fn enter(&mut self, stage_id: &str, at: NaiveDateTime) -> Result<(), Refused> {
        let stage = self
            .process
            .stage(stage_id)
            .ok_or_else(|| Refused(format!("流程定义有误：没有阶段 {stage_id}")))?;
        let due = match &stage.kind {
            StageKind::PoliceReview { working_days, .. } => {
                Some(self.world.calendar.deadline_after(
                    at,
                    *working_days,
                    self.world.policy.review_hour,
                ))
            }
            StageKind::Wait { days } | StageKind::Publicity { days, .. } => Some(
                self.world
                    .calendar
                    .natural_deadline(at.date(), *days)
                    .and_time(at.time()),
            ),
            StageKind::Activity { session_field, .. } => {
                session_times(self.world, &self.state.answers, session_field)
                    .map(|(start, _)| start)
            }
            _ => None,
        };
        self.push(
            at,
            Actor::System,
            EventKind::Entered {
                stage: stage.id.clone(),
                due,
            },
        );
        for effect in &stage.enter {
            let text = match effect {
                Effect::Sms(t) | Effect::Notice(t) => Some(fill(
                    t,
                    &self.app.number,
                    &self.flow.title,
                    self.state.last_reason.as_deref(),
                )),
                _ => None,
            };
            self.push(
                at,
                Actor::System,
                EventKind::Applied {
                    effect: effect.clone(),
                    text,
                },
            );
        }
        Ok(())
    }

    /// Records a stage's outcome and follows its transition.
    fn signal(
        &mut self,
        at: NaiveDateTime,
        actor: Actor,
        signal: Signal,
        reason: Option<String>,
    ) -> Result<(), Refused> {
        let stage_id = self.state.stage.clone().unwrap_or_default();
        self.push(
            at,
            actor,
            EventKind::Signalled {
                stage: stage_id.clone(),
                signal,
                reason,
            },
        );
        let stage = self
            .process
            .stage(&stage_id)
            .ok_or_else(|| Refused(format!("流程定义有误：没有阶段 {stage_id}")))?;
        let input = self.guard_input();
        let next = stage
            .on
            .iter()
            .find(|t| {
                t.when == signal
                    && t.only_if
                        .as_ref()
                        .is_none_or(|guard| check(guard, &input).is_ok())
            })
            .ok_or_else(|| {
                Refused(format!(
                    "流程定义有误：阶段 {stage_id} 没有 {signal:?} 的去向"
                ))
            })?;
        self.enter(&next.to.clone(), at)
    }

    /// Runs automatic stages and fires deadlines up to `now`, oldest first; stops where the
    /// application waits (a later deadline, a user task, a held review) or ends.
    fn run(&mut self, now: NaiveDateTime) -> Result<(), Refused> {
        for _ in 0..MAX_EVENTS {
            if self.state.outcome.is_some() {
                return Ok(());
            }
            let stage_id = self.state.stage.clone().unwrap_or_default();
            let stage = self
                .process
                .stage(&stage_id)
                .ok_or_else(|| Refused(format!("流程定义有误：没有阶段 {stage_id}")))?;
            let at = self
                .events
                .last()
                .map_or(now, |e| e.at)
                .max(self.app.events.last().map_or(now, |e| e.at));
            match &stage.kind {
                StageKind::SystemCheck(guard) => match check(guard, &self.guard_input()) {
                    Ok(()) => self.signal(at, Actor::System, Signal::Pass, None)?,
                    Err(reason) => self.signal(at, Actor::System, Signal::Fail, Some(reason))?,
                },
                StageKind::FaceCheck => {
                    if self.face_fails() {
                        self.signal(
                            at,
                            Actor::System,
                            Signal::Fail,
                            Some("人脸比对未通过，请在光线充足处正对屏幕重试".into()),
                        )?;
                    } else {
                        self.signal(at, Actor::System, Signal::Pass, None)?;
                    }
                }
                StageKind::PoliceReview { approve_if, .. } => {
                    let Some(due) = self.state.due else {
                        return Ok(());
                    };
                    if due > now || self.world.policy.hold_reviews {
                        return Ok(());
                    }
                    match check(approve_if, &self.guard_input()) {
                        Ok(()) => self.signal(due, Actor::Police, Signal::Approved, None)?,
                        Err(reason) => {
                            self.signal(due, Actor::Police, Signal::Rejected, Some(reason))?
                        }
                    }
                }
                StageKind::Wait { .. } => {
                    let Some(due) = self.state.due else {
                        return Ok(());
                    };
                    if due > now {
                        return Ok(());
                    }
                    self.signal(due, Actor::System, Signal::Due, None)?;
                }
                StageKind::UserTask { .. } | StageKind::IdentityCheck => return Ok(()),
                StageKind::Study { minutes, .. } => {
                    let Some(due) = self.state.due.filter(|due| *due <= now) else {
                        return Ok(());
                    };
                    self.close_window(due, minutes.saturating_mul(60), *minutes)?;
                }
                StageKind::Exam { .. } => {
                    let Some(due) = self.state.due.filter(|due| *due <= now) else {
                        return Ok(());
                    };
                    if !self.state.exam.in_progress {
                        return Ok(());
                    }
                    self.mark_paper(due, false)?;
                }
                StageKind::Activity { texts, .. } => {
                    let Some(due) = self.state.due.filter(|due| *due <= now) else {
                        return Ok(());
                    };
                    let reason = if self.state.attendance.signed_in.is_none() {
                        &texts.late
                    } else {
                        &texts.no_sign_out
                    };
                    self.signal(due, Actor::System, Signal::Void, Some(reason.clone()))?;
                }
                StageKind::Publicity { .. } => {
                    let Some(due) = self.state.due.filter(|due| *due <= now) else {
                        return Ok(());
                    };
                    self.signal(due, Actor::System, Signal::Due, None)?;
                }
                StageKind::Terminal(outcome) => {
                    self.push(at, Actor::System, EventKind::Finished { outcome: *outcome });
                    return Ok(());
                }
            }
        }
        Err(Refused("流程定义有误：阶段循环过多".into()))
    }
}

/// What a face check or a study step needs from the log besides the stage.
impl Log<'_> {
    /// A generator for this event position: each draw is made once and stored in the log.
    fn rng(&self, salt: u64) -> SimRng {
        let position = self.app.next_seq() + u32::try_from(self.events.len()).unwrap_or(0);
        SimRng::new(self.world.seed ^ number_hash(&self.app.number) ^ u64::from(position) ^ salt)
    }

    /// Draws a face check: it fails at the configured rate, or when the trainer forced it.
    fn face_fails(&self) -> bool {
        self.world.policy.force_face_failure
            || self
                .rng(0)
                .chance(self.world.policy.face_fail_percent.min(100))
    }

    /// Records one face check by the user; true when it passed.
    fn face_check(&mut self, now: NaiveDateTime) -> bool {
        let passed = !self.face_fails();
        self.push(now, Actor::User, EventKind::FaceChecked { passed });
        passed
    }

    /// Whether the failures in a row have used up the retries.
    fn retries_used_up(&self) -> bool {
        self.state.face_failures >= self.world.policy.face_retries.max(1)
    }

    /// The stage the application is in, if it is still open.
    fn current(&self) -> Option<&Stage> {
        if self.state.outcome.is_some() {
            return None;
        }
        self.process.stage(self.state.stage.as_deref()?)
    }

    /// Answers and 交卷 need a paper in progress in the exam stage.
    fn exam_running(&self) -> Result<(), Refused> {
        let in_exam = matches!(
            self.current().map(|s| &s.kind),
            Some(StageKind::Exam { .. })
        );
        if in_exam && self.state.exam.in_progress {
            Ok(())
        } else {
            Err(Refused("当前没有进行中的考试".into()))
        }
    }

    /// The study window closed at `due`: banks what the running session counted, then `Done`
    /// when the minutes are complete, else `Expired`.
    fn close_window(
        &mut self,
        due: NaiveDateTime,
        required: u32,
        minutes: u32,
    ) -> Result<(), Refused> {
        let studied = self.state.study.studied_seconds(due, required);
        if self.state.study.open_since.is_some() {
            let seconds = self.state.study.running_seconds(due, required);
            self.push(
                due,
                Actor::System,
                EventKind::StudyCounted {
                    seconds,
                    resume: false,
                },
            );
        }
        if studied >= required {
            self.signal(due, Actor::System, Signal::Done, None)
        } else {
            let reason = format!(
                "学习期限已过，{}天内累计学习{}分钟，未满{minutes}分钟，本次学习无效，请重新申请",
                days_of(self.current()),
                studied / 60
            );
            self.signal(due, Actor::System, Signal::Expired, Some(reason))
        }
    }

    /// Marks the running paper at `at`; `voided` when face checks failed during it. Passing
    /// gives `Pass`; failing with no retake left gives `Fail`, else the user may 补考.
    fn mark_paper(&mut self, at: NaiveDateTime, voided: bool) -> Result<(), Refused> {
        let Some(StageKind::Exam {
            pass_percent,
            retakes,
            texts,
            ..
        }) = self.current().map(|s| s.kind.clone())
        else {
            return Err(Refused("当前不在网上考试阶段".into()));
        };
        let exam = &self.state.exam;
        let total = u32::try_from(exam.paper.len()).unwrap_or(u32::MAX);
        let correct = if voided {
            0
        } else {
            self.world.questions.score(&exam.paper, &exam.answers)
        };
        let attempt = exam.attempts;
        self.push(
            at,
            Actor::System,
            EventKind::ExamScored {
                attempt,
                correct,
                total,
                voided,
            },
        );
        let percent = pass_percent.min(100);
        if !voided && total > 0 && correct * 100 >= total * percent {
            return self.signal(at, Actor::System, Signal::Pass, None);
        }
        if attempt > retakes {
            let reason = texts
                .retakes_used_up
                .replace("{attempts}", &attempt.to_string());
            return self.signal(at, Actor::System, Signal::Fail, Some(reason));
        }
        Ok(())
    }

    /// 前往学习: a face check, then a session; the first one opens the window and draws the
    /// moments of the checks during study.
    fn begin_study(&mut self, now: NaiveDateTime) -> Result<(), Refused> {
        let Some(StageKind::Study {
            minutes,
            within_days,
        }) = self.current().map(|s| s.kind.clone())
        else {
            return Err(Refused("当前不在课件学习阶段".into()));
        };
        let required = minutes.saturating_mul(60);
        if self.state.study.open_since.is_some() {
            return Err(Refused("正在学习中".into()));
        }
        if self.state.study.banked_seconds >= required {
            return Err(Refused(format!("已学满{minutes}分钟，请提交学习")));
        }
        if !self.face_check(now) {
            return Ok(());
        }
        let first = self.state.study.window_ends.is_none();
        let checkpoints = first.then(|| {
            let count = self.world.policy.study_face_checks;
            let mut rng = self.rng(1);
            spread_marks(required, count, 60, |n| rng.below(n))
        });
        let window_ends = first.then(|| now + Duration::days(i64::from(within_days)));
        self.push(
            now,
            Actor::User,
            EventKind::StudyStarted {
                window_ends,
                checkpoints,
            },
        );
        Ok(())
    }

    /// 参加考试 / 前往补考: a face check, then a paper of the stage's length.
    fn begin_exam(&mut self, now: NaiveDateTime) -> Result<(), Refused> {
        let Some(StageKind::Exam {
            questions,
            seconds_per_question,
            retakes,
            ..
        }) = self.current().map(|s| s.kind.clone())
        else {
            return Err(Refused("当前不在网上考试阶段".into()));
        };
        if self.state.exam.in_progress {
            return Err(Refused("考试正在进行中".into()));
        }
        if self.state.exam.attempts > retakes {
            return Err(Refused("补考机会已用完".into()));
        }
        if !self.face_check(now) {
            return Ok(());
        }
        let mut rng = self.rng(2);
        let paper = self
            .world
            .questions
            .draw(usize::try_from(questions).unwrap_or(0), |n| rng.below(n));
        if paper.is_empty() {
            return Err(Refused("题库为空，无法组卷".into()));
        }
        let count = u32::try_from(paper.len()).unwrap_or(u32::MAX);
        let checkpoints = spread_marks(count, self.world.policy.exam_face_checks, 1, |n| {
            rng.below(n)
        });
        let ends = now + Duration::seconds(i64::from(count.saturating_mul(seconds_per_question)));
        let attempt = self.state.exam.attempts + 1;
        self.push(
            now,
            Actor::User,
            EventKind::ExamStarted {
                attempt,
                paper,
                checkpoints,
                ends,
            },
        );
        Ok(())
    }

    /// The face check the current stage waits for.
    fn face_check_step(&mut self, now: NaiveDateTime) -> Result<(), Refused> {
        let Some(kind) = self.current().map(|s| s.kind.clone()) else {
            return Err(Refused("当前没有需要人脸比对的事项".into()));
        };
        match kind {
            StageKind::IdentityCheck => {
                if self.face_check(now) {
                    self.signal(now, Actor::System, Signal::Pass, None)?;
                } else if self.retries_used_up() {
                    let reason = format!(
                        "实人认证连续{}次未通过，本次申请终止，可重新申请",
                        self.state.face_failures
                    );
                    self.signal(now, Actor::System, Signal::Fail, Some(reason))?;
                }
                Ok(())
            }
            StageKind::Study { minutes, .. } => {
                let required = minutes.saturating_mul(60);
                if !self.state.study.check_pending(now, required) {
                    return Err(Refused("当前没有需要进行的学习过程人脸比对".into()));
                }
                let seconds = self.state.study.running_seconds(now, required);
                if self.face_check(now) {
                    self.push(
                        now,
                        Actor::System,
                        EventKind::StudyCounted {
                            seconds,
                            resume: true,
                        },
                    );
                } else if self.retries_used_up() {
                    self.push(
                        now,
                        Actor::System,
                        EventKind::StudyCounted {
                            seconds: 0,
                            resume: false,
                        },
                    );
                }
                Ok(())
            }
            StageKind::Exam { .. } => {
                let exam = &self.state.exam;
                let pending = exam.in_progress
                    && usize::try_from(exam.checks_passed).unwrap_or(usize::MAX)
                        < exam.checkpoints.len();
                if !pending {
                    return Err(Refused("当前没有需要进行的考试过程人脸比对".into()));
                }
                if !self.face_check(now) && self.retries_used_up() {
                    self.mark_paper(now, true)?;
                }
                Ok(())
            }
            StageKind::Activity {
                session_field,
                texts,
            } => {
                let (start, end) = session_times(self.world, &self.state.answers, &session_field)
                    .ok_or_else(|| Refused("找不到预约的活动场次".into()))?;
                if self.state.attendance.signed_in.is_none() {
                    let opens = start
                        - Duration::minutes(i64::from(self.world.policy.sign_in_opens_minutes));
                    if now < opens {
                        return Err(Refused(format!(
                            "签到时间未到：{} 起可以签到",
                            opens.format("%m-%d %H:%M")
                        )));
                    }
                    if now > start {
                        return Err(Refused("活动已开始，不能再签到".into()));
                    }
                    if self.face_check(now) {
                        let grace = i64::from(self.world.policy.sign_out_grace_minutes);
                        self.push(
                            now,
                            Actor::User,
                            EventKind::SignedIn {
                                sign_out_by: end + Duration::minutes(grace),
                            },
                        );
                    } else if self.retries_used_up() {
                        let reason = texts.sign_in_failed.clone();
                        self.signal(now, Actor::System, Signal::Fail, Some(reason))?;
                    }
                    return Ok(());
                }
                if self.face_check(now) {
                    self.push(now, Actor::User, EventKind::SignedOut);
                    if now < end {
                        let time = now.format("%H:%M").to_string();
                        let reason = texts.early.replace("{time}", &time);
                        self.signal(now, Actor::System, Signal::Void, Some(reason))?;
                    } else {
                        self.signal(now, Actor::System, Signal::Done, None)?;
                    }
                } else if self.retries_used_up() {
                    let reason = texts.sign_out_failed.clone();
                    self.signal(now, Actor::System, Signal::Fail, Some(reason))?;
                }
                Ok(())
            }
            _ => Err(Refused("当前没有需要人脸比对的事项".into())),
        }
    }
}

/// `count` moments spread over `0..total` (one in each of `count + 1` equal parts after the
/// first, jittered within the middle half of its part), rounded to `step`: when face checks
/// fall during study (seconds) or an exam (question indexes). Sorted and distinct.
fn spread_marks(total: u32, count: u32, step: u32, mut below: impl FnMut(u64) -> u64) -> Vec<u32> {
    let parts = count + 1;
    let part = total / parts;
    let step = step.max(1);
    let mut marks: Vec<u32> = (1..parts)
        .map(|k| {
            let jitter = u32::try_from(below(u64::from(part / 2 + 1))).unwrap_or(0);
            let mark = (part * k + jitter).saturating_sub(part / 4);
            (mark / step * step).clamp(step, total.saturating_sub(step).max(step))
        })
        .collect();
    marks.dedup();
    marks
}

/// The natural days of a study window, for its expiry message.
fn days_of(stage: Option<&Stage>) -> u32 {
    match stage.map(|s| &s.kind) {
        Some(StageKind::Study { within_days, .. }) => *within_days,
        _ => 0,
    }
}

/// When the session booked in `field` starts and ends.
pub fn session_times(
    world: &World,
    answers: &BTreeMap<String, String>,
    field: &str,
) -> Option<(NaiveDateTime, NaiveDateTime)> {
    world
        .sessions
        .get(answers.get(field)?)?
        .times(world.clock_start)
}

/// The next moment after `now` at which the application changes or needs the user: its
/// deadline, a face check or the end of a running study, 签到 opening, the activity's end.
/// F9 moves the clock there.
pub fn next_moment(
    app: &Application,
    flow: &FlowDef,
    now: NaiveDateTime,
    world: &World,
) -> Option<NaiveDateTime> {
    let state = app.state();
    if state.outcome.is_some() {
        return None;
    }
    let stage = flow.process.as_ref()?.stage(state.stage.as_deref()?)?;
    let moment = match &stage.kind {
        StageKind::Study { minutes, .. } => state.study.next_moment(minutes.saturating_mul(60)),
        StageKind::Activity { session_field, .. } => {
            session_times(world, &state.answers, session_field).map(|(start, end)| {
                if state.attendance.signed_in.is_none() {
                    start - Duration::minutes(i64::from(world.policy.sign_in_opens_minutes))
                } else {
                    end
                }
            })
        }
        _ => None,
    };
    [state.due, moment]
        .into_iter()
        .flatten()
        .filter(|at| *at > now)
        .min()
}

/// A stable number from the application number, so each application draws its own stream.
fn number_hash(number: &str) -> u64 {
    number.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Handles one command; returns the events to append (none for a repeated command id).
pub fn handle(
    app: &Application,
    flow: &FlowDef,
    command: &Command,
    command_id: &str,
    now: NaiveDateTime,
    world: &World,
) -> Result<Vec<Event>, Refused> {
    let state = app.state();
    if state.commands.iter().any(|c| c == command_id) {
        return Ok(Vec::new());
    }
    if app.events.len() >= MAX_EVENTS {
        return Err(Refused(format!(
            "本申请的记录已达{MAX_EVENTS}条上限，不能再办理"
        )));
    }
    let process = flow
        .process
        .as_ref()
        .ok_or_else(|| Refused(format!("「{}」暂未在模拟器中开放在线办理", flow.title)))?;
    let mut log = Log {
        app,
        flow,
        process,
        world,
        command_id,
        state,
        events: Vec::new(),
    };
    let now = now.max(app.events.last().map_or(now, |e| e.at));
    match command {
        Command::Submit { answers } => {
            if !app.events.is_empty() {
                return Err(Refused("本申请已提交，不能重复提交".into()));
            }
            let first = process
                .stages
                .first()
                .ok_or_else(|| Refused("流程定义有误：没有任何阶段".into()))?;
            log.push(
                now,
                Actor::User,
                EventKind::Submitted {
                    answers: answers.clone(),
                },
            );
            log.enter(&first.id.clone(), now)?;
        }
        Command::Advance => {}
        Command::CompleteTask { answers } => {
            if let Some(StageKind::Study { minutes, .. }) = log.current().map(|s| s.kind.clone()) {
                let required = minutes.saturating_mul(60);
                let studied = log.state.study.studied_seconds(now, required);
                if studied < required {
                    return Err(Refused(format!(
                        "已学习{}分钟，未满{minutes}分钟，不能提交学习",
                        studied / 60
                    )));
                }
                if log.state.study.open_since.is_some() {
                    let seconds = log.state.study.running_seconds(now, required);
                    log.push(
                        now,
                        Actor::User,
                        EventKind::StudyCounted {
                            seconds,
                            resume: false,
                        },
                    );
                }
                log.signal(now, Actor::User, Signal::Done, None)?;
                log.run(now)?;
                return Ok(log.events);
            }
            let stage = log.state.stage.clone().unwrap_or_default();
            let is_task = process
                .stage(&stage)
                .is_some_and(|s| matches!(s.kind, StageKind::UserTask { .. }));
            if !is_task || log.state.outcome.is_some() {
                return Err(Refused("当前没有需要您办理的事项".into()));
            }
            log.push(
                now,
                Actor::User,
                EventKind::TaskDone {
                    stage,
                    answers: answers.clone(),
                },
            );
            log.signal(now, Actor::User, Signal::Done, None)?;
        }
        Command::Decide { approve, reason } => {
            let stage = log.state.stage.clone().unwrap_or_default();
            let is_review = process
                .stage(&stage)
                .is_some_and(|s| matches!(s.kind, StageKind::PoliceReview { .. }));
            if !is_review || log.state.outcome.is_some() {
                return Err(Refused("这份申请当前不在民警审核阶段".into()));
            }
            let signal = if *approve {
                Signal::Approved
            } else {
                Signal::Rejected
            };
            // Without a reason of the trainer's own, a rejection gives the rule that failed, or
            // a general one when every rule holds and the trainer rejects for practice.
            let failed_rule = match process.stage(&stage).map(|s| &s.kind) {
                Some(StageKind::PoliceReview { approve_if, .. }) => {
                    check(approve_if, &log.guard_input()).err()
                }
                _ => None,
            };
            let reason = if *approve {
                None
            } else {
                Some(
                    reason
                        .clone()
                        .or(failed_rule)
                        .unwrap_or_else(|| "经民警审核，申请材料不符合办理要求".into()),
                )
            };
            log.signal(now, Actor::Police, signal, reason)?;
        }
        Command::BeginStudy => log.begin_study(now)?,
        Command::PauseStudy => {
            let Some(StageKind::Study { minutes, .. }) = log.current().map(|s| s.kind.clone())
            else {
                return Err(Refused("当前不在课件学习阶段".into()));
            };
            if log.state.study.open_since.is_none() {
                return Ok(Vec::new());
            }
            let seconds = log
                .state
                .study
                .running_seconds(now, minutes.saturating_mul(60));
            log.push(
                now,
                Actor::User,
                EventKind::StudyCounted {
                    seconds,
                    resume: false,
                },
            );
        }
        Command::FaceCheck => log.face_check_step(now)?,
        Command::BeginExam => log.begin_exam(now)?,
        Command::Answer { question, chosen } => {
            log.exam_running()?;
            let exam = &log.state.exam;
            let question_def = usize::try_from(*question)
                .ok()
                .and_then(|i| exam.paper.get(i))
                .and_then(|id| world.questions.get(id))
                .ok_or_else(|| Refused("没有这道题".into()))?;
            if exam.check_due_before(*question) {
                return Err(Refused("请先完成考试过程人脸比对".into()));
            }
            if chosen.is_empty() || chosen.iter().any(|c| *c >= question_def.options.len()) {
                return Err(Refused("请选择答案".into()));
            }
            log.push(
                now,
                Actor::User,
                EventKind::Answered {
                    question: *question,
                    chosen: chosen.clone(),
                },
            );
        }
        Command::HandIn => {
            log.exam_running()?;
            log.mark_paper(now, false)?;
        }
        Command::Object { reason } => {
            let Some(StageKind::Publicity { texts, .. }) = log.current().map(|s| s.kind.clone())
            else {
                return Err(Refused("这份申请当前不在公示期".into()));
            };
            let reason = reason.clone().unwrap_or(texts.objected);
            log.signal(now, Actor::Police, Signal::Objected, Some(reason))?;
        }
    }
    log.run(now)?;
    Ok(log.events)
}
