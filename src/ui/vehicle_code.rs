//! 机动车二维码: the code a vehicle's owner shows to a family member who files the car as non-own
//! (备案非本人机动车), with the 备案码 under it for when it cannot be scanned.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::keys::{BACK_KEYS, Binding, Cmd};
use super::widgets::{HEADING, LineWriter, MUTED, QUIET, draw_qr};
use super::{Action, Ctx, Screen};
use crate::domain::e_licence::qr_matrix;
use crate::domain::registry::filing_code;

#[derive(Debug, Clone)]
pub struct VehicleCodeScreen {
    vin: String,
    code: String,
    matrix: Vec<Vec<bool>>,
}

impl VehicleCodeScreen {
    /// Computed once when the screen opens, never while drawing.
    pub fn new(vin: &str, ctx: &Ctx) -> Self {
        let code = ctx
            .profile
            .vehicles
            .iter()
            .find(|v| v.vin.as_str() == vin)
            .map_or_else(String::new, |v| filing_code(&v.vin));
        let matrix = qr_matrix(&format!("12123-VEHICLE-{code}")).unwrap_or_default();
        Self {
            vin: vin.to_string(),
            code,
            matrix,
        }
    }
}

impl Screen for VehicleCodeScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec!["机动车".to_string(), "机动车二维码".to_string()]
    }

    fn keys(&self) -> &'static [Binding] {
        BACK_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let vehicle = ctx
            .profile
            .vehicles
            .iter()
            .find(|v| v.vin.as_str() == self.vin)?;
        let side = self.matrix.len() + 2 * QUIET;
        let qr_w = u16::try_from(side * 2).unwrap_or(u16::MAX);
        let text_w = area.width.saturating_sub(qr_w + 3);
        let mut out = LineWriter::new(Rect::new(area.x + 1, area.y + 1, text_w, area.height));
        let plate = vehicle
            .plate
            .as_ref()
            .map_or_else(String::new, |p| p.spaced());
        out.line(buf, "机动车二维码", HEADING);
        out.line(
            buf,
            &format!("{plate}  {}  {}", vehicle.kind.label(), vehicle.model),
            Style::new(),
        );
        out.gap();
        out.wrapped(
            buf,
            "家人备案本车为非本人机动车时，请对方在【备案非本人机动车】中扫描本二维码，或输入下方备案码；随后验证码将发到您的手机，告知对方即表示同意备案。",
            Style::new(),
        );
        out.gap();
        out.line(buf, &format!("备案码 {}", self.code), HEADING);
        out.line(buf, "请勿将二维码和验证码提供给陌生人。", MUTED);
        if usize::from(area.height) < side + 1 || area.width < qr_w + 20 {
            out.line(buf, "窗口太小，放大后可显示二维码", MUTED);
            return None;
        }
        draw_qr(
            &self.matrix,
            area.right().saturating_sub(qr_w + 1),
            area.y + 1,
            area,
            buf,
        );
        None
    }

    fn handle(&mut self, cmd: Cmd, _ctx: &Ctx) -> Action {
        match cmd {
            Cmd::Back => Action::Pop,
            _ => Action::None,
        }
    }
}
