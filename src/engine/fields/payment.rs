//! `Payment(item, amount_yuan)`: the fee and the ways to pay it.

use super::Choice;

/// The simulated ways to pay, as the app offers them.
const PAYMENT_METHODS: [(&str, &str); 3] = [
    ("wechat", "微信支付"),
    ("alipay", "支付宝"),
    ("unionpay", "银联云闪付"),
];

pub(super) fn options(item: &str, amount_yuan: u32) -> Vec<Choice> {
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
