//! `Payment(item, amount_yuan, basis)`: the fee, as the applicant's city charges it, and the
//! ways to pay it. An exam fee is the subject booked by the application this business is
//! about, a retake at half.

use super::Choice;
use crate::domain::driving_test::ExamSubject;
use crate::domain::rules::violation;
use crate::engine::facts::{Facts, SUBJECT};
use crate::flow::process::FeeBasis;

/// The simulated ways to pay, as the app offers them.
const PAYMENT_METHODS: [(&str, &str); 3] = [
    ("wechat", "微信支付"),
    ("alipay", "支付宝"),
    ("unionpay", "银联云闪付"),
];

/// The item and the amount charged, in fen: the config's table for the applicant's city, else
/// the business file's amount; a fine with its late charge on the day.
pub fn charge(item: &str, amount_yuan: u32, basis: FeeBasis, facts: &Facts) -> (String, u64) {
    let (item, yuan) = charge_yuan(item, amount_yuan, basis, facts);
    let fine = (basis == FeeBasis::Fine)
        .then(|| facts.chosen_violation().ok())
        .flatten()
        // Once paid, what was paid: the finished application shows the amount it charged.
        .and_then(|v| Some((v, violation::amount_due_fen(v, facts.today).or(v.paid_fen)?)));
    if let Some((v, due)) = fine {
        let late = due.saturating_sub(u64::from(v.fine_yuan) * 100);
        let item = if late > 0 {
            format!("{item}（含加处罚款{}）", violation::yuan(late))
        } else {
            item
        };
        return (item, due);
    }
    (item, u64::from(yuan) * 100)
}

fn charge_yuan(item: &str, amount_yuan: u32, basis: FeeBasis, facts: &Facts) -> (String, u32) {
    let city = &facts.profile.registration_city;
    match basis {
        FeeBasis::Fine => (item.to_string(), amount_yuan),
        FeeBasis::Item => {
            let amount = facts
                .resources
                .fees
                .amount(item, city)
                .unwrap_or(amount_yuan);
            (item.to_string(), amount)
        }
        FeeBasis::ExamSubject => {
            let booked = facts
                .answers
                .get(SUBJECT)
                .and_then(|number| facts.applications.iter().find(|a| a.number == *number))
                .and_then(|a| a.answers.values().find_map(|v| ExamSubject::from_code(v)));
            let Some(subject) = booked else {
                return (item.to_string(), amount_yuan);
            };
            let named = format!("{}{item}", subject.label());
            let full = facts
                .resources
                .fees
                .amount(&named, city)
                .unwrap_or(amount_yuan);
            let retake = facts
                .profile
                .learner_permit
                .as_ref()
                .is_some_and(|p| p.bookings_used(subject) > 0);
            if retake {
                (format!("{named}（补考）"), full / 2)
            } else {
                (named, full)
            }
        }
    }
}

pub(super) fn options(item: &str, amount_yuan: u32, basis: FeeBasis, facts: &Facts) -> Vec<Choice> {
    let (item, fen) = charge(item, amount_yuan, basis, facts);
    let amount = violation::yuan(fen);
    PAYMENT_METHODS
        .iter()
        .map(|(value, method)| {
            (
                value.to_string(),
                format!("{method}  {item} {amount}"),
                None,
            )
        })
        .collect()
}
