//! A vehicle as the account holds it: its plate, kind, documents and records, the temporary
//! plates it was issued and a transfer under way. Dates are generic as in `profile`: demo data
//! gives them as days from the simulated clock's start.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plate::{Plate, PlateOffice};
use super::profile::{DayOffset, VehicleContact, date_at};
use super::vin::Vin;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vehicle<D = NaiveDate> {
    pub vin: Vin,
    /// None while the vehicle is not registered yet (a new car straight from the dealer).
    pub plate: Option<Plate>,
    pub kind: VehicleKind,
    /// 品牌型号, e.g. 大众汽车牌FV7152BBDBG.
    pub model: String,
    pub colour: String,
    pub ownership: Ownership,
    pub registered_on: Option<D>,
    /// 检验有效期至.
    pub inspection_valid_until: Option<D>,
    /// 交强险 valid until.
    pub insurance_valid_until: Option<D>,
    /// The purchase invoice, for cars that still need registering or a transfer.
    pub invoice: Option<Invoice<D>>,
    /// 应当注销: scrapped or otherwise due for deregistration but not deregistered
    /// (bars its owner from 学法减分, R163 Art.26(4)).
    #[serde(default)]
    pub must_deregister: bool,
    /// The contact details filed for the vehicle; none filed means the account's own.
    #[serde(default)]
    pub contact: Option<VehicleContact>,
    /// When the current 行驶证 was issued in replacement (补领/换领), the earlier one void.
    #[serde(default)]
    pub licence_reissued_on: Option<D>,
    /// When the electronic 检验合格标志 was last issued (补领).
    #[serde(default)]
    pub sign_issued_on: Option<D>,
    /// The office a vehicle not registered yet will be registered at (a registered one's is
    /// its plate's first two characters).
    #[serde(default)]
    pub registration_office: Option<PlateOffice>,
    /// 营运: used for hire, and so never exempt from on-line inspection.
    #[serde(default)]
    pub operating: bool,
    /// 车船税 as the insurer's records show it.
    #[serde(default)]
    pub vehicle_tax: VehicleTax,
    /// Traffic accidents the vehicle was in.
    #[serde(default)]
    pub accidents: Vec<Accident<D>>,
    /// Temporary plates issued for the vehicle (临时行驶车号牌), oldest first.
    #[serde(default)]
    pub temporary_plates: Vec<TemporaryPlate<D>>,
    /// When new plates with the same number replaced lost, stolen or damaged ones; the old
    /// ones are void.
    #[serde(default)]
    pub plates_reissued_on: Option<D>,
    /// When an exempt vehicle's electronic 检验标志 was issued without on-line inspection.
    #[serde(default)]
    pub exempt_sign_issued_on: Option<D>,
    /// 强制报废期止: the last day of the compulsory scrapping age, when the vehicle has one.
    #[serde(default)]
    pub scrap_on: Option<D>,
    /// 查封、扣押: held by a court or the police; nothing is registered for it meanwhile.
    #[serde(default)]
    pub seized: bool,
    /// The 抵押权人 while the vehicle is mortgaged (抵押登记).
    #[serde(default)]
    pub mortgagee: Option<String>,
    /// The transfer out of its office (转出), once approved: the plates and 行驶证 handed back,
    /// the 转入 due at the destination.
    #[serde(default)]
    pub transferred_out: Option<TransferOut<D>>,
}

/// A vehicle transferred out of its office (转籍): where to, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferOut<D = NaiveDate> {
    pub on: D,
    /// The destination city and its 车管所's office code.
    pub city: String,
    pub office: Option<PlateOffice>,
    /// The plate handed back.
    pub old_plate: Plate,
}

/// A 临时行驶车号牌 issued for a vehicle. Its number is the simulator's own notation, shown as
/// such: the real paper plate's pattern is not reproduced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemporaryPlate<D = NaiveDate> {
    pub number: String,
    pub purpose: TemporaryPurpose,
    pub issued_on: D,
    pub valid_until: D,
}

/// Why a temporary plate was issued: the articles of R164 that allow one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TemporaryPurpose {
    /// A new car bought and not yet registered (第四十六条、第四十七条: at most three).
    NewCar,
    /// While lost or damaged plates are remade (第五十一条).
    Replacement,
    /// Leaving for another office after a move or a sale (第十八条、第二十七条).
    Transfer,
}

impl TemporaryPurpose {
    pub fn label(self) -> &'static str {
        match self {
            TemporaryPurpose::NewCar => "新车临时号牌",
            TemporaryPurpose::Replacement => "补换领号牌期间临时号牌",
            TemporaryPurpose::Transfer => "转籍临时号牌",
        }
    }
}

/// 车船税 for the year (R164 Art.55 asks for it paid or exempt).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum VehicleTax {
    /// 已缴纳
    #[default]
    Paid,
    /// 免征 (new-energy vehicles, for one)
    Exempt,
    /// 未缴纳
    Unpaid,
}

impl VehicleTax {
    pub fn label(self) -> &'static str {
        match self {
            VehicleTax::Paid => "已缴纳",
            VehicleTax::Exempt => "免征",
            VehicleTax::Unpaid => "未缴纳",
        }
    }
}

/// A traffic accident a vehicle was in: until handled it bars the vehicle's businesses
/// (R164 Art.54).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accident<D = NaiveDate> {
    pub date: D,
    pub place: String,
    pub handled: bool,
}

impl<D> Vehicle<D> {
    /// 发牌机关: the one on its plate, or the one it will be registered at.
    pub fn office(&self) -> Option<PlateOffice> {
        self.plate
            .as_ref()
            .map(Plate::office)
            .or_else(|| self.registration_office.clone())
    }
}

impl Vehicle<DayOffset> {
    /// The vehicle with its days turned into dates from `start`.
    pub fn dated(self, start: NaiveDate) -> Vehicle {
        let at = |d: DayOffset| date_at(start, d);
        Vehicle {
            vin: self.vin,
            plate: self.plate,
            kind: self.kind,
            model: self.model,
            colour: self.colour,
            ownership: self.ownership,
            registered_on: self.registered_on.map(at),
            inspection_valid_until: self.inspection_valid_until.map(at),
            insurance_valid_until: self.insurance_valid_until.map(at),
            invoice: self.invoice.map(|i| Invoice {
                kind: i.kind,
                number: i.number,
                date: at(i.date),
                seller: i.seller,
                buyer_city: i.buyer_city,
                price_yuan: i.price_yuan,
            }),
            must_deregister: self.must_deregister,
            contact: self.contact,
            licence_reissued_on: self.licence_reissued_on.map(at),
            sign_issued_on: self.sign_issued_on.map(at),
            registration_office: self.registration_office,
            operating: self.operating,
            vehicle_tax: self.vehicle_tax,
            accidents: self
                .accidents
                .into_iter()
                .map(|a| Accident {
                    date: at(a.date),
                    place: a.place,
                    handled: a.handled,
                })
                .collect(),
            temporary_plates: self
                .temporary_plates
                .into_iter()
                .map(|t| TemporaryPlate {
                    number: t.number,
                    purpose: t.purpose,
                    issued_on: at(t.issued_on),
                    valid_until: at(t.valid_until),
                })
                .collect(),
            plates_reissued_on: self.plates_reissued_on.map(at),
            exempt_sign_issued_on: self.exempt_sign_issued_on.map(at),
            scrap_on: self.scrap_on.map(at),
            seized: self.seized,
            mortgagee: self.mortgagee,
            transferred_out: self.transferred_out.map(|t| TransferOut {
                on: at(t.on),
                city: t.city,
                office: t.office,
                old_plate: t.old_plate,
            }),
        }
    }
}

/// 车辆类型 as the plate rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VehicleKind {
    /// 小型汽车
    SmallCar,
    /// 小型新能源汽车
    SmallNev,
    /// 大型新能源汽车
    LargeNev,
    /// 重型半挂牵引车
    Tractor,
    /// 大型货车
    Truck,
    /// 校车
    SchoolBus,
}

impl VehicleKind {
    pub fn label(self) -> &'static str {
        match self {
            VehicleKind::SmallCar => "小型汽车",
            VehicleKind::SmallNev => "小型新能源汽车",
            VehicleKind::LargeNev => "大型新能源汽车",
            VehicleKind::Tractor => "重型半挂牵引车",
            VehicleKind::Truck => "大型货车",
            VehicleKind::SchoolBus => "校车",
        }
    }
}

/// Whose vehicle it is, as 12123 lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ownership {
    /// 本人机动车
    Own,
    /// 非本人机动车, filed with the owner's consent.
    FiledNonOwned { owner_name: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invoice<D = NaiveDate> {
    pub kind: InvoiceKind,
    /// 发票号码.
    pub number: String,
    pub date: D,
    pub seller: String,
    /// The buyer's city on the invoice; a transfer must go to this city (seed 十四).
    pub buyer_city: String,
    pub price_yuan: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvoiceKind {
    /// 机动车销售统一发票
    NewCar,
    /// 二手车销售统一发票
    UsedCar,
}

impl InvoiceKind {
    pub fn label(self) -> &'static str {
        match self {
            InvoiceKind::NewCar => "机动车销售统一发票",
            InvoiceKind::UsedCar => "二手车销售统一发票",
        }
    }
}
