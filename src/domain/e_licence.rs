//! The electronic licence's verification code and its QR matrix. The code carries no personal
//! data (a scanner at a kiosk must not read an ID number off the screen): it names the
//! application that issued the licence, which the police system would look up.

use qrcode::{Color, EcLevel, QrCode};

/// The text a checkpoint's scanner reads, e.g. `JG12123-DZ-20260302000001`.
pub fn verification_code(application: &str) -> String {
    format!("JG12123-DZ-{application}")
}

/// The QR code of `text` as rows of dark (true) and light modules, without the quiet zone.
pub fn qr_matrix(text: &str) -> Option<Vec<Vec<bool>>> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    Some(
        colors
            .chunks(width)
            .map(|row| row.iter().map(|c| *c == Color::Dark).collect())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_code_fits_the_smallest_qr_version() {
        let code = verification_code("20260302000001");
        assert_eq!(code, "JG12123-DZ-20260302000001");
        let matrix = qr_matrix(&code).unwrap_or_default();
        // Version 1 is 21 modules square; 25 alphanumeric characters fit it at level L.
        assert_eq!(matrix.len(), 21);
        assert!(matrix.iter().all(|row| row.len() == 21));
        // The finder pattern's corner is dark, the separator after it light.
        assert!(matrix[0][0] && matrix[0][6] && !matrix[0][7]);
    }
}
