//! Where business definitions, the menu and demo data come from: the copy embedded in the
//! binary, or a folder given with `--assets DIR` (so a trainer can add a business without
//! recompiling).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::domain::attachment::Attachments;
use crate::domain::calendar::WorkCalendar;
use crate::domain::profile::{DayOffset, Profile};
use crate::domain::venue::SessionList;
use crate::flow::catalog::Source;
use crate::flow::{Catalog, Problem};
use crate::on_demand::OnDemand;

include!(concat!(env!("OUT_DIR"), "/embedded_assets.rs"));

/// Every embedded file as (path relative to `assets/`, contents).
pub fn embedded() -> impl Iterator<Item = (&'static str, &'static str)> {
    EMBEDDED_NAMES.lines().zip(EMBEDDED_TEXTS.iter().copied())
}

/// One asset file: its path relative to the assets folder and its text (borrowed from the
/// binary when embedded, so listing the demo personas at start copies none of them).
#[derive(Debug, Clone)]
pub struct AssetFile {
    pub name: String,
    pub text: Cow<'static, str>,
}

/// The origin of the asset files.
#[derive(Debug, Clone, Default)]
pub enum AssetSource {
    #[default]
    Embedded,
    Dir(PathBuf),
}

impl AssetSource {
    /// All `.ron` and `.txt` files whose relative path starts with `prefix` (e.g. `flows/`),
    /// sorted by name.
    pub fn files(&self, prefix: &str) -> Result<Vec<AssetFile>> {
        let mut files = match self {
            AssetSource::Embedded => embedded()
                .filter(|(name, _)| name.starts_with(prefix))
                .map(|(name, text)| AssetFile {
                    name: name.to_string(),
                    text: Cow::Borrowed(text),
                })
                .collect(),
            AssetSource::Dir(root) => read_dir_files(root, prefix)?,
        };
        files.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(files)
    }

    /// One file by its relative path.
    pub fn file(&self, name: &str) -> Result<AssetFile> {
        match self {
            AssetSource::Embedded => embedded()
                .find(|(n, _)| *n == name)
                .map(|(n, text)| AssetFile {
                    name: n.to_string(),
                    text: Cow::Borrowed(text),
                })
                .with_context(|| format!("内置资源中没有 {name}")),
            AssetSource::Dir(root) => {
                let path = root.join(name);
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("无法读取资源文件 {}", path.display()))?;
                Ok(AssetFile {
                    name: name.to_string(),
                    text: Cow::Owned(text),
                })
            }
        }
    }

    /// How the source is named in messages (`file: message` lines of `jiaoguan check`).
    pub fn display_name(&self, name: &str) -> String {
        match self {
            AssetSource::Embedded => format!("assets/{name}"),
            AssetSource::Dir(root) => root.join(name).display().to_string(),
        }
    }
}

fn read_dir_files(root: &Path, prefix: &str) -> Result<Vec<AssetFile>> {
    let (sub, _) = prefix.rsplit_once('/').unwrap_or(("", prefix));
    let dir = root.join(sub);
    let mut files = Vec::new();
    let entries =
        std::fs::read_dir(&dir).with_context(|| format!("无法读取资源目录 {}", dir.display()))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("无法读取资源目录 {}", dir.display()))?
            .path();
        if path.extension().is_some_and(|e| e == "ron" || e == "txt") {
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if name.starts_with(prefix) {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("无法读取资源文件 {}", path.display()))?;
                files.push(AssetFile {
                    name,
                    text: Cow::Owned(text),
                });
            }
        }
    }
    Ok(files)
}

/// The menu and every business from `source`, parsed and linted; problems as `file: message`.
pub fn load_catalog(source: &AssetSource) -> Result<std::result::Result<Catalog, Vec<Problem>>> {
    let to_source = |file: AssetFile| Source {
        label: source.display_name(&file.name),
        name: file.name,
        text: file.text,
    };
    let menu = to_source(source.file("menu.ron")?);
    let flows: Vec<Source> = source.files("flows/")?.into_iter().map(to_source).collect();
    Ok(Catalog::load(&menu, &flows, &album_ids(source)))
}

/// The businesses as the interactive start holds them. The embedded ones are parsed when first
/// read: they are the very files the test suite loads and lints, so they cannot fail then. An
/// assets folder's are read and checked right after the first frame instead (`load_catalog`),
/// since a trainer may have broken them; until then there are none.
pub fn catalog_on_demand(source: &AssetSource) -> OnDemand<Catalog> {
    match source {
        AssetSource::Embedded => OnDemand::later(|| match load_catalog(&AssetSource::Embedded) {
            Ok(Ok(catalog)) => catalog,
            // Not reached (see above); a visitor would find the surfaces without businesses.
            Ok(Err(_)) | Err(_) => Catalog::empty(),
        }),
        AssetSource::Dir(_) => OnDemand::ready(Catalog::empty()),
    }
}

/// Problems in the demo data: a persona that does not parse (a bad ID number, VIN or plate is a
/// parse error, since those types refuse bad values) or whose id differs from its file name,
/// and an exam plan whose days break its rules (`SessionPlan::lint`).
pub fn check_demo(source: &AssetSource) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    let sessions = "demo/sessions.ron";
    let pools = "demo/plate_pools.ron";
    if let Ok(list) =
        crate::store::from_ron::<crate::domain::plate_pool::PlatePools>(&source.file(pools)?.text)
    {
        for message in list.lint() {
            problems.push(Problem {
                file: source.display_name(pools),
                message,
            });
        }
    }
    if let Ok(list) = crate::store::from_ron::<SessionList>(&source.file(sessions)?.text) {
        for message in list.plans.iter().flat_map(|p| p.lint()) {
            problems.push(Problem {
                file: source.display_name(sessions),
                message,
            });
        }
    }
    for file in source.files("demo/personas/")? {
        let label = source.display_name(&file.name);
        match crate::store::from_ron::<Profile<DayOffset>>(&file.text) {
            Ok(persona) => {
                let stem = file
                    .name
                    .rsplit('/')
                    .next()
                    .and_then(|n| n.strip_suffix(".ron"))
                    .unwrap_or("");
                if persona.id != stem {
                    problems.push(Problem {
                        file: label,
                        message: format!("账号编号 {} 应与文件名 {stem} 一致", persona.id),
                    });
                }
            }
            Err(e) => problems.push(Problem {
                file: label,
                message: format!(
                    "第{}行第{}列：{}",
                    e.span.start.line, e.span.start.col, e.code
                ),
            }),
        }
    }
    Ok(problems)
}

/// The training scenarios (`training/*.ron`), each linted against the businesses and the
/// personas; with the problems found, as `file: message`. A file that does not parse is a
/// problem and is left out.
pub fn load_scenarios(
    source: &AssetSource,
    catalog: &Catalog,
) -> Result<(Vec<crate::flow::training::Scenario>, Vec<Problem>)> {
    let personas: Vec<String> = source
        .files("demo/personas/")?
        .iter()
        .filter_map(|f| crate::store::from_ron::<Profile<DayOffset>>(&f.text).ok())
        .map(|p| p.id)
        .collect();
    let mut scenarios = Vec::new();
    let mut problems = Vec::new();
    for file in source.files("training/")? {
        let label = source.display_name(&file.name);
        match crate::store::from_ron::<crate::flow::training::Scenario>(&file.text) {
            Ok(scenario) => {
                problems.extend(crate::flow::training::lint(
                    &scenario, &label, catalog, &personas,
                ));
                scenarios.push(scenario);
            }
            Err(e) => problems.push(Problem {
                file: label,
                message: crate::store::describe_error(&e),
            }),
        }
    }
    Ok((scenarios, problems))
}

pub use crate::resources::Resources;

/// Reading the reference data is file work, so it lives here; the data itself is plain
/// (`resources.rs`), which the screens read.
impl Resources {
    pub fn load(source: &AssetSource) -> Result<Resources> {
        Ok(Resources {
            calendar: reference(source, "calendar/holidays.ron", WorkCalendar::from_ron)?,
            photos: reference(source, "demo/photos.ron", parse_ron)?,
            regions: reference(source, "demo/regions.ron", parse_ron)?,
            sessions: reference(source, "demo/sessions.ron", parse_ron)?,
            questions: reference(source, "exam/questions.ron", parse_ron)?,
            owners: reference(source, "demo/owners.ron", parse_ron)?,
            attachments: reference(source, "demo/attachments.ron", parse_ron)?,
            fees: Default::default(),
            service_points: reference(source, "demo/service_points.ron", parse_ron)?,
            vehicle_rules: crate::config::Config::default().vehicles,
            education_rules: crate::config::Config::default().education,
            plate_pools: reference(source, "demo/plate_pools.ron", parse_ron)?,
            // Parsed when 培训模式 first opens (`parse_scenarios`): most starts never need them.
            scenarios: Vec::new(),
        })
    }
}

/// One reference file. An embedded one is parsed when first read: the test suite parses each
/// of them (`every_reference_file_parses`), so it cannot fail then. A folder's is parsed now,
/// so that a problem is reported at start, naming the file.
fn reference<T: Default + 'static>(
    source: &AssetSource,
    name: &'static str,
    parse: fn(&str) -> std::result::Result<T, String>,
) -> Result<OnDemand<T>> {
    match source {
        AssetSource::Embedded => Ok(OnDemand::later(move || {
            AssetSource::Embedded
                .file(name)
                .ok()
                .and_then(|file| parse(&file.text).ok())
                .unwrap_or_default()
        })),
        AssetSource::Dir(_) => {
            let value = parse(&source.file(name)?.text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", source.display_name(name)))?;
            Ok(OnDemand::ready(value))
        }
    }
}

fn parse_ron<T: serde::de::DeserializeOwned>(text: &str) -> std::result::Result<T, String> {
    crate::store::from_ron(text).map_err(|e| crate::store::describe_error(&e))
}

/// The training scenarios (`training/*.ron`) for 我的 > 培训模式. A scenario that does not parse
/// is left out here (`jiaoguan check` names it), and so is the folder if it cannot be read.
pub fn parse_scenarios(source: &AssetSource) -> Vec<crate::flow::training::Scenario> {
    source
        .files("training/")
        .unwrap_or_default()
        .iter()
        .filter_map(|f| crate::store::from_ron(&f.text).ok())
        .collect()
}

/// The ids of the attachment albums (`demo/attachments.ron`), for the catalog's lint; none
/// when the file cannot be read, which loading the reference data reports.
fn album_ids(source: &AssetSource) -> Vec<String> {
    source
        .file("demo/attachments.ron")
        .ok()
        .and_then(|f| crate::store::from_ron::<Attachments>(&f.text).ok())
        .map_or(Vec::new(), |a| a.albums.into_iter().map(|a| a.id).collect())
}

/// The ids of the bookable sessions (`demo/sessions.ron`): the answers that take a seat. Read
/// like any reference file (`reference`): the embedded one when first needed.
pub fn session_ids(source: &AssetSource) -> Result<OnDemand<std::collections::BTreeSet<String>>> {
    reference(source, "demo/sessions.ron", |text| {
        let sessions: SessionList = parse_ron(text)?;
        Ok(sessions.sessions.into_iter().map(|s| s.id).collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_name_has_its_text() {
        assert_eq!(EMBEDDED_NAMES.lines().count(), EMBEDDED_TEXTS.len());
        let menu = AssetSource::Embedded
            .file("menu.ron")
            .map(|f| f.text.into_owned());
        let on_disk =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/menu.ron"));
        assert_eq!(menu.ok(), on_disk.ok());
    }

    /// The binary embeds the `assets` folder as it is (build.rs), so reading that folder as a
    /// folder, which parses every reference file at once and names the first that fails,
    /// checks what the embedded copies will give when they are first read.
    #[test]
    fn every_reference_file_parses() {
        let folder = AssetSource::Dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets"));
        let resources = Resources::load(&folder).unwrap_or_else(|e| panic!("{e:#}"));
        let embedded = Resources::load(&AssetSource::Embedded).unwrap_or_else(|e| panic!("{e:#}"));
        assert!(OnDemand::loaded(&embedded.questions).is_none());
        assert_eq!(embedded.questions.questions, resources.questions.questions);
        assert_eq!(embedded.sessions.sessions, resources.sessions.sessions);
        assert_eq!(embedded.calendar.year(2026), resources.calendar.year(2026));
        let ids = session_ids(&folder).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(
            *session_ids(&AssetSource::Embedded).expect("embedded"),
            *ids
        );
        assert!(ids.len() == resources.sessions.sessions.len() && !ids.is_empty());
    }
}
