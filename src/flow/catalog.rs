//! Loading every definition, and `jiaoguan check`: what a trainer needs to hear before a broken
//! business reaches a visitor.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::de::DeserializeOwned;

use super::FlowDef;
use super::menu::{self, MenuDef, MenuNode, NodeKind};
use super::process::{
    DateFrom, Effect, Field, FieldKind, Guard, Process, Signal, SmsTarget, StageKind, Subject,
    SubjectKind, Validator,
};
use super::search::SearchIndex;
use super::stages;
use crate::domain::text::ambiguous_glyphs;

/// A definition file together with where it came from, as `jiaoguan check` names it.
#[derive(Debug, Clone)]
pub struct Source {
    /// How the file is named in messages, e.g. `assets/flows/new_car_plate_selection.ron`.
    pub label: String,
    /// The path relative to the assets folder, e.g. `flows/new_car_plate_selection.ron`.
    pub name: String,
    /// Borrowed from the binary for the embedded assets.
    pub text: std::borrow::Cow<'static, str>,
}

/// One problem found in the definitions, printed as `file: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// Every business and the menu, parsed and checked.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub menu: MenuDef,
    /// By flow id.
    pub flows: BTreeMap<String, FlowDef>,
    /// The whole menu tree, built once.
    pub tree: Vec<MenuNode>,
    /// The search over every business (业务中心's `/`), built once.
    pub search: SearchIndex,
}

impl Catalog {
    /// Parses and lints the menu and the flows. Any problem refuses the whole catalog: a visitor
    /// must never meet a half-loaded business. `albums` are the attachment albums the
    /// reference data has, which an `Attachment` field must name.
    pub fn load(
        menu_source: &Source,
        flow_sources: &[Source],
        albums: &[String],
    ) -> Result<Catalog, Vec<Problem>> {
        let mut problems = Vec::new();
        let menu: Option<MenuDef> = parse(menu_source, &mut problems);
        let mut flows = BTreeMap::new();
        for source in flow_sources {
            if let Some(flow) = parse::<FlowDef>(source, &mut problems) {
                check_flow_text(source, &flow, &mut problems);
                if let Some(process) = &flow.process {
                    check_process(source, process, albums, &mut problems);
                }
                if flows.contains_key(&flow.id) {
                    problems.push(problem(
                        source,
                        format!("业务编号 {} 与另一文件重复", flow.id),
                    ));
                } else {
                    flows.insert(flow.id.clone(), (source, flow));
                }
            }
        }
        let Some(menu) = menu else {
            return Err(problems);
        };
        check_menu_text(menu_source, &menu, &mut problems);
        let defs: Vec<&FlowDef> = flows.values().map(|(_, f)| f).collect();
        let tree = menu::build_tree(&menu, &defs);
        for (source, flow) in flows.values() {
            check_flow_links(source, flow, &tree, &flows, &mut problems);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut catalog = Catalog {
            menu,
            flows: flows.into_iter().map(|(id, (_, f))| (id, f)).collect(),
            tree,
            search: SearchIndex::default(),
        };
        catalog.search = SearchIndex::build(&catalog);
        Ok(catalog)
    }

    /// No business and no category: the app's surfaces alone. What a catalog that could not
    /// be read leaves a visitor, instead of a crash.
    pub fn empty() -> Catalog {
        let menu = MenuDef {
            categories: Vec::new(),
        };
        let tree = menu::build_tree(&menu, &[]);
        Catalog {
            menu,
            flows: BTreeMap::new(),
            tree,
            search: SearchIndex::default(),
        }
    }

    /// Every node with its full path joined by ` > `, depth first, as `jiaoguan menu` prints it;
    /// neighbours not offered here are marked （暂未开放）.
    pub fn menu_lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for root in &self.tree {
            root.walk(&mut Vec::new(), &mut out);
        }
        out.into_iter()
            .map(|(path, node)| {
                let line = path.join(" > ");
                if node.kind == NodeKind::Unavailable {
                    format!("{line}（暂未开放）")
                } else {
                    line
                }
            })
            .collect()
    }

    pub fn flow(&self, id: &str) -> Option<&FlowDef> {
        self.flows.get(id)
    }

    /// Every business, by id.
    pub fn flows(&self) -> impl Iterator<Item = &FlowDef> {
        self.flows.values()
    }

    /// The business named by its id or by its title (新车选号).
    pub fn by_name(&self, name: &str) -> Option<&FlowDef> {
        self.flow(name)
            .or_else(|| self.flows.values().find(|f| f.title == name))
    }

    /// The business about this kind of subject (罚款缴纳 for a record with its fine unpaid).
    pub fn for_subject(&self, subject: &Subject) -> Option<&FlowDef> {
        self.flows
            .values()
            .find(|f| f.process.as_ref().is_some_and(|p| p.subject == *subject))
    }
}

fn problem(source: &Source, message: impl Into<String>) -> Problem {
    Problem {
        file: source.label.clone(),
        message: message.into(),
    }
}

fn parse<T: DeserializeOwned>(source: &Source, problems: &mut Vec<Problem>) -> Option<T> {
    match ron::from_str::<T>(&source.text) {
        Ok(value) => Some(value),
        Err(e) => {
            problems.push(problem(
                source,
                format!(
                    "第{}行第{}列：{}",
                    e.span.start.line, e.span.start.col, e.code
                ),
            ));
            None
        }
    }
}

fn check_glyphs(source: &Source, what: &str, text: &str, problems: &mut Vec<Problem>) {
    let glyphs = ambiguous_glyphs(text);
    if !glyphs.is_empty() {
        let listed: Vec<String> = glyphs
            .iter()
            .map(|c| format!("U+{:04X}", *c as u32))
            .collect();
        problems.push(problem(
            source,
            format!(
                "{what} 含有宽度不确定的字符 {}，终端中会错位；请改用全角标点或 ASCII",
                listed.join(" ")
            ),
        ));
    }
}

fn check_menu_text(source: &Source, menu: &MenuDef, problems: &mut Vec<Problem>) {
    if menu.categories.is_empty() {
        problems.push(problem(source, "业务中心没有任何分类"));
    }
    for category in &menu.categories {
        check_glyphs(
            source,
            &format!("分类「{}」", category.title),
            &category.title,
            problems,
        );
        check_glyphs(
            source,
            &format!("分类「{}」的说明", category.title),
            &category.description,
            problems,
        );
        for item in &category.unavailable {
            check_glyphs(
                source,
                &format!("分类「{}」的未开放业务", category.title),
                item,
                problems,
            );
        }
    }
}

fn check_flow_text(source: &Source, flow: &FlowDef, problems: &mut Vec<Problem>) {
    let stem = source
        .name
        .rsplit('/')
        .next()
        .and_then(|n| n.strip_suffix(".ron"))
        .unwrap_or(&source.name);
    if flow.id != stem {
        problems.push(problem(
            source,
            format!("业务编号 {} 应与文件名 {stem} 一致", flow.id),
        ));
    }
    let notice = &flow.notice;
    let required: [(&str, bool); 6] = [
        ("title（业务名称）", flow.title.trim().is_empty()),
        (
            "notice.summary（业务说明）",
            notice.summary.trim().is_empty(),
        ),
        (
            "notice.eligibility（申请条件）",
            notice.eligibility.is_empty(),
        ),
        ("notice.materials（所需材料）", notice.materials.is_empty()),
        (
            "notice.duration（办理时限）",
            notice.duration.trim().is_empty(),
        ),
        ("notice.steps（办理流程）", notice.steps.is_empty()),
    ];
    for (field, missing) in required {
        if missing {
            problems.push(problem(source, format!("缺少文字：{field}")));
        }
    }
    if flow.menu_paths.is_empty() {
        problems.push(problem(source, "menu_paths 为空：这个业务在菜单里找不到"));
    }
    let texts = std::iter::once(&flow.title)
        .chain(&flow.keywords)
        .chain(std::iter::once(&notice.summary))
        .chain(&notice.eligibility)
        .chain(&notice.materials)
        .chain(std::iter::once(&notice.duration))
        .chain(&notice.steps)
        .chain(&notice.tips)
        .chain(&notice.basis);
    for text in texts {
        check_glyphs(source, "文字", text, problems);
    }
}

fn check_flow_links(
    source: &Source,
    flow: &FlowDef,
    tree: &[MenuNode],
    flows: &BTreeMap<String, (&Source, FlowDef)>,
    problems: &mut Vec<Problem>,
) {
    for path in &flow.menu_paths {
        let steps: Vec<&str> = path.iter().map(String::as_str).collect();
        if menu::find_path(tree, &steps).is_none() {
            problems.push(problem(
                source,
                format!("菜单路径 {} 不存在", path.join(" > ")),
            ));
        }
    }
    for id in &flow.related {
        if !flows.contains_key(id) {
            problems.push(problem(source, format!("related 引用了不存在的业务 {id}")));
        }
    }
    let Some(process) = flow.process.as_ref() else {
        return;
    };
    let Subject::Application { flow: of, stages } = &process.subject else {
        return;
    };
    let Some(target) = flows.get(of).and_then(|f| f.1.process.as_ref()) else {
        problems.push(problem(
            source,
            format!("办理对象引用的业务 {of} 不存在或未开放在线办理"),
        ));
        return;
    };
    let told: Vec<Signal> = process
        .stages
        .iter()
        .flat_map(|s| &s.enter)
        .filter_map(|e| match e {
            Effect::Tell(signal) => Some(*signal),
            _ => None,
        })
        .collect();
    for stage in stages {
        let Some(waiting) = target.stage(stage) else {
            problems.push(problem(
                source,
                format!("办理对象引用的阶段 {stage} 不是业务 {of} 的阶段"),
            ));
            continue;
        };
        for signal in &told {
            if !waiting.told.contains(signal) {
                problems.push(problem(
                    source,
                    format!(
                        "Tell({signal:?}) 告知业务 {of} 的阶段 {stage}，但该阶段的 told 没有列出 {signal:?}"
                    ),
                ));
            }
        }
    }
}

/// The stages and fields of a business: every transition leads somewhere, every outcome of a
/// stage is handled, every stage is reachable and can still reach an end, texts are clean.
/// Named rules of one kind with where each is used.
type Uses<'a, T> = Vec<(String, &'a T)>;

/// Every named guard and effect the business uses, with where it is used.
fn rules_used(process: &Process) -> (Uses<'_, Guard>, Uses<'_, Effect>) {
    let mut guards: Uses<'_, Guard> = Vec::new();
    if let Some(guard) = &process.precheck {
        guards.push(("precheck".into(), guard));
    }
    for page in &process.pages {
        if let Some(guard) = &page.when {
            guards.push((format!("页面 {} 的 when", page.title), guard));
        }
        if let Some(guard) = &page.check {
            guards.push((format!("页面 {} 的 check", page.title), guard));
        }
    }
    for field in process.fields() {
        if let FieldKind::Choice { options } = &field.kind {
            for option in options {
                if let Some(guard) = &option.guard {
                    guards.push((format!("字段 {} 的选项 {}", field.id, option.value), guard));
                }
            }
        }
    }
    let mut effects = Vec::new();
    for stage in &process.stages {
        let here = format!("阶段 {}", stage.id);
        match &stage.kind {
            StageKind::SystemCheck(guard) => guards.push((here.clone(), guard)),
            StageKind::PoliceReview { approve_if, .. } => guards.push((here.clone(), approve_if)),
            _ => {}
        }
        for transition in &stage.on {
            if let Some(guard) = &transition.only_if {
                guards.push((format!("{here} 的去向 {}", transition.to), guard));
            }
        }
        effects.extend(stage.enter.iter().map(|e| (here.clone(), e)));
    }
    (guards, effects)
}

/// Each guard and effect reads what it declares (`Needs`); a business that cannot give it is
/// refused here rather than finishing 办结 with nothing done.
fn check_needs(source: &Source, process: &Process, problems: &mut Vec<Problem>) {
    let (guards, effects) = rules_used(process);
    let needs = guards
        .iter()
        .flat_map(|(at, g)| g.needs().into_iter().map(move |(name, n)| (at, name, n)))
        .chain(effects.iter().map(|(at, e)| (at, e.name(), e.needs())));
    for (at, name, needs) in needs {
        if let Some(subject) = needs.subject
            && subject != process.subject.kind()
        {
            problems.push(problem(
                source,
                format!(
                    "{at}：{name} 只能用于办理对象为 {subject:?} 的业务，本业务是 {:?}",
                    process.subject.kind()
                ),
            ));
        }
        for (id, kind) in &needs.fields {
            let field = process.answerable_fields().find(|f| f.id == *id);
            if !field.is_some_and(|f| kind.accepts(&f.kind)) {
                problems.push(problem(
                    source,
                    format!("{at}：{name} 需要{}字段 {id}，本业务没有", kind.label()),
                ));
            }
        }
        if let Some((id, value)) = &needs.answer {
            match process.fields().find(|f| f.id == *id).map(|f| &f.kind) {
                None => problems.push(problem(
                    source,
                    format!("{at}：{name} 引用的字段 {id} 不存在"),
                )),
                Some(FieldKind::Choice { options })
                    if !options.iter().any(|o| o.value == *value) =>
                {
                    problems.push(problem(
                        source,
                        format!("{at}：{name} 比较的值 {value} 不是字段 {id} 的选项"),
                    ));
                }
                Some(_) => {}
            }
        }
    }
}

/// Plate candidates are drawn by the engine once the application is accepted, for the
/// vehicle's own office: a `PlateNumber` field belongs on a task page of a vehicle business.
fn check_drawn_fields(source: &Source, process: &Process, problems: &mut Vec<Problem>) {
    let plate = |f: &&Field| matches!(f.kind, FieldKind::PlateNumber { .. });
    for field in process.fields().filter(plate) {
        problems.push(problem(
            source,
            format!(
                "字段 {}：号牌号码候选在受理后由系统产生，只能放在 UserTask 阶段的任务页中",
                field.id
            ),
        ));
    }
    let in_tasks = process.stages.iter().any(|stage| match &stage.kind {
        StageKind::UserTask { fields, .. } => fields.iter().any(|f| plate(&f)),
        _ => false,
    });
    if in_tasks && process.subject.kind() != SubjectKind::Vehicle {
        problems.push(problem(
            source,
            "PlateNumber 字段需要办理对象为本人机动车（subject: Vehicle(..)）",
        ));
    }
}

/// A field that takes its city, its tag or its count from another field's answer must name a
/// field of this business, and the city a region field (`province/city`), or the engine would
/// quietly fall back to the registration city or the default.
fn check_field_references(source: &Source, process: &Process, problems: &mut Vec<Problem>) {
    let is_region = |id: &str| {
        process
            .fields()
            .any(|f| f.id == id && matches!(f.kind, FieldKind::Region { .. }))
    };
    let exists = |id: &str| process.fields().any(|f| f.id == id);
    for field in process.fields() {
        let (city_from, others): (&Option<String>, Vec<(&str, &Option<String>)>) = match &field.kind
        {
            FieldKind::Session {
                city_from, tagged, ..
            } => (city_from, vec![("tagged", tagged)]),
            FieldKind::Sessions {
                city_from,
                count_from,
                ..
            } => (city_from, vec![("count_from", count_from)]),
            FieldKind::ServicePoint { city_from } => (city_from, Vec::new()),
            _ => continue,
        };
        if let Some(id) = city_from
            && !is_region(id)
        {
            problems.push(problem(
                source,
                format!(
                    "字段 {} 的 city_from 指向 {id}，但本业务没有地区字段 {id}",
                    field.id
                ),
            ));
        }
        for (name, reference) in others {
            if let Some(id) = reference
                && !exists(id)
            {
                problems.push(problem(
                    source,
                    format!(
                        "字段 {} 的 {name} 指向 {id}，但本业务没有字段 {id}",
                        field.id
                    ),
                ));
            }
        }
    }
}

fn check_process(
    source: &Source,
    process: &Process,
    albums: &[String],
    problems: &mut Vec<Problem>,
) {
    let mut field_ids = BTreeSet::new();
    for field in process.fields() {
        if !field_ids.insert(field.id.as_str()) {
            problems.push(problem(source, format!("字段 {} 重复", field.id)));
        }
    }
    // A task stage's fields are checked as a page's (their ids may repeat a page's: a
    // replacement photo answers the same field again).
    let task_fields = process.stages.iter().flat_map(|stage| match &stage.kind {
        StageKind::UserTask { fields, .. } => fields.as_slice(),
        _ => &[],
    });
    for field in process.fields().chain(task_fields) {
        check_glyphs(
            source,
            &format!("字段 {}", field.id),
            &format!("{}{}", field.label, field.help),
            problems,
        );
        if field.label.trim().is_empty() {
            problems.push(problem(
                source,
                format!("缺少文字：字段 {} 的 label", field.id),
            ));
        }
        match &field.kind {
            FieldKind::Choice { options } if options.is_empty() => {
                problems.push(problem(source, format!("字段 {} 没有任何选项", field.id)));
            }
            FieldKind::Choice { options } => {
                for option in options {
                    check_glyphs(
                        source,
                        &format!("字段 {} 的选项", field.id),
                        &option.label,
                        problems,
                    );
                }
            }
            FieldKind::Declaration { text } => {
                check_glyphs(source, &format!("字段 {} 的声明", field.id), text, problems)
            }
            FieldKind::Attachment { album } if !albums.iter().any(|a| a == album) => {
                problems.push(problem(
                    source,
                    format!("字段 {} 引用的材料相册 {album} 不存在", field.id),
                ));
            }
            FieldKind::Region { levels } if !(2..=3).contains(levels) => {
                problems.push(problem(
                    source,
                    format!(
                        "字段 {} 的地区层级应为2（省、市）或3（省、市、区县）",
                        field.id
                    ),
                ));
            }
            FieldKind::Date {
                from: DateFrom::Answer(id),
                ..
            } if !process
                .fields()
                .any(|f| f.id == *id && matches!(f.kind, FieldKind::Date { .. })) =>
            {
                problems.push(problem(
                    source,
                    format!(
                        "字段 {} 的日期从 {id} 起算，但本业务没有日期字段 {id}",
                        field.id
                    ),
                ));
            }
            _ => {}
        }
    }
    for page in &process.pages {
        check_glyphs(source, "页面标题", &page.title, problems);
    }
    check_drawn_fields(source, process, problems);
    check_field_references(source, process, problems);
    if let SmsTarget::Field(id) = &process.sms_to {
        let is_phone = process.fields().any(|f| {
            &f.id == id
                && f.kind
                    == FieldKind::Text {
                        validator: Validator::Phone,
                    }
        });
        if !is_phone {
            problems.push(problem(
                source,
                format!("sms_to 指向的字段 {id} 不存在或不是手机号码"),
            ));
        }
    }
    if process.sms_to == SmsTarget::SubjectOwner && process.subject != Subject::OtherVehicle {
        problems.push(problem(
            source,
            "sms_to: SubjectOwner 需要办理对象为他人机动车（subject: OtherVehicle）",
        ));
    }
    if let Some(precheck) = &process.precheck {
        for (name, needs) in precheck.needs() {
            if needs
                .subject
                .is_some_and(|k| k != SubjectKind::Licence && k != SubjectKind::Learner)
            {
                problems.push(problem(
                    source,
                    format!("precheck 在选择办理对象之前检查，不能使用需要办理对象的 {name}"),
                ));
            }
        }
    }
    check_needs(source, process, problems);
    let Some(first) = process.stages.first() else {
        problems.push(problem(source, "process 没有任何阶段"));
        return;
    };
    let mut ids = BTreeSet::new();
    for stage in &process.stages {
        if !ids.insert(stage.id.as_str()) {
            problems.push(problem(source, format!("阶段 {} 重复", stage.id)));
        }
    }
    for stage in &process.stages {
        check_glyphs(
            source,
            &format!("阶段 {}", stage.id),
            &stage.title,
            problems,
        );
        for effect in &stage.enter {
            if let Effect::Sms(text) | Effect::Notice(text) = effect {
                check_glyphs(source, &format!("阶段 {} 的通知", stage.id), text, problems);
                if text.trim().is_empty() {
                    problems.push(problem(
                        source,
                        format!("缺少文字：阶段 {} 的通知内容为空", stage.id),
                    ));
                }
            }
        }
        let expected = stage.signals();
        for signal in &expected {
            if !stage
                .on
                .iter()
                .any(|t| t.when == *signal && t.only_if.is_none())
            {
                problems.push(problem(
                    source,
                    format!(
                        "阶段 {} 没有结果 {signal:?} 的去向（需要一条不带 if 条件的）",
                        stage.id
                    ),
                ));
            }
        }
        for message in stages::lint(&stage.kind, &stage.id, process) {
            problems.push(problem(source, message));
        }
        for (signal, words) in &stage.said {
            if !expected.contains(signal) || words.trim().is_empty() {
                problems.push(problem(
                    source,
                    format!(
                        "阶段 {} 的 said 写了不会产生的结果 {signal:?}，或文字为空",
                        stage.id
                    ),
                ));
            }
        }
        for transition in &stage.on {
            if !expected.contains(&transition.when) {
                problems.push(problem(
                    source,
                    format!("阶段 {} 不会产生结果 {:?}", stage.id, transition.when),
                ));
            }
            if !ids.contains(transition.to.as_str()) {
                problems.push(problem(
                    source,
                    format!("阶段 {} 指向不存在的阶段 {}", stage.id, transition.to),
                ));
            }
        }
    }
    let mut reachable = BTreeSet::from([first.id.as_str()]);
    let mut queue = vec![first.id.as_str()];
    while let Some(id) = queue.pop() {
        for transition in process
            .stage(id)
            .map(|s| s.on.as_slice())
            .unwrap_or_default()
        {
            if reachable.insert(transition.to.as_str()) {
                queue.push(transition.to.as_str());
            }
        }
    }
    let mut finishing: BTreeSet<&str> = process
        .stages
        .iter()
        .filter(|s| matches!(s.kind, StageKind::Terminal(_)))
        .map(|s| s.id.as_str())
        .collect();
    loop {
        let before = finishing.len();
        for stage in &process.stages {
            if stage.on.iter().any(|t| finishing.contains(t.to.as_str())) {
                finishing.insert(stage.id.as_str());
            }
        }
        if finishing.len() == before {
            break;
        }
    }
    for stage in &process.stages {
        if !reachable.contains(stage.id.as_str()) {
            problems.push(problem(source, format!("阶段 {} 无法到达", stage.id)));
        }
        if !finishing.contains(stage.id.as_str()) {
            problems.push(problem(
                source,
                format!("阶段 {} 无法走到办结或终止", stage.id),
            ));
        }
    }
}
