//! 出示电子驾驶证: the electronic licence card with its verification QR code, drawn as coloured
//! cells two columns wide (no block glyphs: they are East-Asian-ambiguous).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::keys::{BACK_KEYS, Binding, Cmd};
use super::widgets::{HEADING, LineWriter, MUTED, QUIET, draw_qr, put};
use super::{Action, Ctx, Screen};
use crate::domain::e_licence::{qr_matrix, verification_code};
use crate::domain::mask::mask_name;

#[derive(Debug, Clone)]
pub struct ELicenceScreen {
    code: String,
    matrix: Vec<Vec<bool>>,
}

impl ELicenceScreen {
    /// Computed once when the screen opens, never while drawing.
    pub fn new(application: &str) -> Self {
        let code = verification_code(application);
        let matrix = qr_matrix(&code).unwrap_or_default();
        Self { code, matrix }
    }
}

impl Screen for ELicenceScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec!["我的驾驶证".to_string(), "电子驾驶证".to_string()]
    }

    fn keys(&self) -> &'static [Binding] {
        BACK_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let p = ctx.profile;
        let Some(licence) = &p.licence else {
            return None;
        };
        let Some(e) = &licence.e_licence else {
            put(
                buf,
                area.x + 1,
                area.y + 1,
                "尚未申领电子驾驶证",
                area.width,
                MUTED,
            );
            return None;
        };
        let side = self.matrix.len() + 2 * QUIET;
        let qr_w = u16::try_from(side * 2).unwrap_or(u16::MAX);
        // The card's text takes the whole width unless the code fits beside it.
        let qr_fits = usize::from(area.height) > side && area.width >= qr_w + 40;
        let text_w = if qr_fits {
            area.width.saturating_sub(qr_w + 3)
        } else {
            area.width.saturating_sub(2)
        };
        let mut out = LineWriter::new(Rect::new(area.x + 1, area.y + 1, text_w, area.height));
        let lines = [
            ("中华人民共和国机动车驾驶证（电子）".to_string(), HEADING),
            (format!("姓名 {}", mask_name(&p.name)), Style::new()),
            (format!("证号 {}", p.id_number.masked()), Style::new()),
            (format!("准驾车型 {}", licence.classes), Style::new()),
            (
                format!(
                    "有效期至 {}",
                    licence
                        .valid_until
                        .map_or("长期".to_string(), |d| d.to_string())
                ),
                Style::new(),
            ),
            (
                format!("状态 {}", licence.status_shown(ctx.clock.today())),
                Style::new(),
            ),
            (format!("照片 {}", e.photo), Style::new()),
            (
                format!("申领时间 {}", e.issued_at.format("%Y-%m-%d %H:%M")),
                Style::new(),
            ),
            (String::new(), Style::new()),
            (
                "请打开本页实时出示；截图不能代替电子驾驶证。".to_string(),
                MUTED,
            ),
            (format!("核验码 {}", self.code), MUTED),
        ];
        for (line, style) in &lines {
            out.wrapped(buf, line, *style);
        }
        if !qr_fits {
            out.gap();
            out.wrapped(buf, "窗口太小，放大后可显示二维码", MUTED);
            return None;
        }
        let qr_x = area.right().saturating_sub(qr_w + 1);
        draw_qr(&self.matrix, qr_x, area.y + 1, area, buf);
        None
    }

    fn handle(&mut self, cmd: Cmd, _ctx: &Ctx) -> Action {
        match cmd {
            Cmd::Back => Action::Pop,
            _ => Action::None,
        }
    }
}
