//! `Payment(item, amount_yuan)`: the fee, as the applicant's city charges it, and the ways to
//! pay it.

use super::Choice;
use crate::engine::facts::Facts;

/// The simulated ways to pay, as the app offers them.
const PAYMENT_METHODS: [(&str, &str); 3] = [
    ("wechat", "微信支付"),
    ("alipay", "支付宝"),
    ("unionpay", "银联云闪付"),
];

/// The fee as the applicant's city charges it (the config's table), else the business file's.
pub(super) fn options(item: &str, amount_yuan: u32, facts: &Facts) -> Vec<Choice> {
    let amount_yuan = facts
        .resources
        .fees
        .amount(item, &facts.profile.registration_city)
        .unwrap_or(amount_yuan);
    PAYMENT_METHODS
        .iter()
        .map(|(value, method)| {
            (
                value.to_string(),
                format!("{method}  {item} {amount_yuan}元"),
                None,
            )
        })
        .collect()
}
