//! The one RON configuration used for every persisted file, so output is byte-identical
//! on every OS and no file can switch on parser extensions.

use std::fmt;

use ron::error::SpannedError;
use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// Nesting deeper than any of our types needs; bounds stack use on hostile input.
pub const RECURSION_LIMIT: usize = 64;

/// Parser options: recursion limit 64, no extensions.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(RECURSION_LIMIT)
}

/// Writer layout: "\n" and two spaces on every OS, no struct names (so the schema probe and
/// renamed types still read), strings escaped (control characters stay `\u{..}` in the file and
/// every string stays on one line; Chinese text is printable and written as is).
pub fn pretty_config() -> PrettyConfig {
    PrettyConfig::new()
        .new_line("\n")
        .indentor("  ")
        .separator(" ")
        .struct_names(false)
        .escape_strings(true)
        .extensions(Extensions::empty())
}

/// Serializes `value` in the shared layout, ending with a newline.
pub fn to_ron<T: Serialize>(value: &T) -> anyhow::Result<String> {
    let mut text = ron_options().to_string_pretty(value, pretty_config())?;
    text.push('\n');
    Ok(text)
}

/// Parses `text` with the shared options; a document that enables any extension (via
/// `#![enable(..)]`, however spaced or commented) is rejected, since extensions change meaning.
pub fn from_ron<T: DeserializeOwned>(text: &str) -> Result<T, SpannedError> {
    let mut de = ron::Deserializer::from_str_with_options(text, &ron_options())?;
    if !de.extensions().is_empty() {
        return Err(SpannedError {
            code: ron::Error::Message(
                "文件用 #![enable(..)] 打开了 RON 扩展，本程序不接受".to_string(),
            ),
            span: ron::error::Span {
                start: ron::error::Position { line: 1, col: 1 },
                end: ron::error::Position { line: 1, col: 1 },
            },
        });
    }
    let value = T::deserialize(&mut de).map_err(|e| de.span_error(e))?;
    de.end().map_err(|e| de.span_error(e))?;
    Ok(value)
}

/// `第3行第7列：…` for messages shown to the operator.
pub fn describe_error(err: &SpannedError) -> String {
    format!(
        "第{}行第{}列：{}",
        err.span.start.line, err.span.start.col, err.code
    )
}

/// `schema_version` when it opens the document, as this program writes every file
/// (`(\n  schema_version: 3,`), read without parsing the rest: loading then parses the file
/// once instead of twice. `None` for any other opening (a struct name, a comment, another field
/// first), which `probe_schema_version` reads instead.
pub fn leading_schema_version(text: &str) -> Option<u32> {
    let rest = text.trim_start_matches(RON_SPACE).strip_prefix('(')?;
    let rest = rest
        .trim_start_matches(RON_SPACE)
        .strip_prefix("schema_version")?;
    let rest = rest.trim_start_matches(RON_SPACE).strip_prefix(':')?;
    let rest = rest.trim_start_matches(RON_SPACE);
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = rest[digits..].trim_start_matches(RON_SPACE);
    if !(after.starts_with(',') || after.starts_with(')')) {
        return None;
    }
    rest[..digits].parse().ok()
}

/// The blanks RON skips between tokens (comments aside).
const RON_SPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// Reads only `schema_version` from a document, whatever else it holds: unknown fields are
/// skipped and a struct name, if present, is ignored. `None` if the field is absent.
pub fn probe_schema_version(text: &str) -> Result<Option<u32>, SpannedError> {
    from_ron::<Header>(text).map(|h| h.schema_version)
}

struct Header {
    schema_version: Option<u32>,
}

impl<'de> Deserialize<'de> for Header {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `deserialize_any` rather than `deserialize_struct`: ron then accepts any struct name.
        deserializer.deserialize_any(HeaderVisitor)
    }
}

struct HeaderVisitor;

impl<'de> Visitor<'de> for HeaderVisitor {
    type Value = Header;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a struct with a `schema_version` field")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Header, A::Error> {
        let mut schema_version = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "schema_version" {
                if schema_version.is_some() {
                    return Err(de::Error::duplicate_field("schema_version"));
                }
                schema_version = Some(map.next_value::<u32>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(Header { schema_version })
    }
}
