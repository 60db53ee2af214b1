//! `Number(min, max)`: a whole number typed within its range.

pub(super) fn check(text: &str, min: i64, max: i64) -> Result<String, String> {
    let number: i64 = text
        .trim()
        .parse()
        .map_err(|_| "应为整数，例如 1".to_string())?;
    if !(min..=max).contains(&number) {
        return Err(format!("应在{min}至{max}之间"));
    }
    Ok(number.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_whole_and_within_its_range() {
        assert_eq!(check(" 3 ", 1, 5), Ok("3".into()));
        assert_eq!(check("5", 1, 5), Ok("5".into()));
        assert_eq!(check("6", 1, 5), Err("应在1至5之间".into()));
        assert_eq!(check("0", 1, 5), Err("应在1至5之间".into()));
        assert!(check("2.5", 1, 5).is_err());
        assert!(check("二", 1, 5).is_err());
    }
}
