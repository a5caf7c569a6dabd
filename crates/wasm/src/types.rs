//! The parameter types of the exports in the `.d.ts`. (The model's own declarations come with
//! its types: the core derives them with its `typescript` feature.)
//!
//! Every parameter is a `JsValue`, or an `Option` of one of the extern types below (which the
//! glue passes through untouched, and which keeps an optional parameter's `?`): the generated
//! glue never converts an argument itself, so no value of a wrong type can trap the module.
//! The exports read them with [`crate::read`].

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `string` in the `.d.ts`, for an optional string parameter.
    #[wasm_bindgen(typescript_type = "string")]
    pub type StringArg;
    /// `SignContext` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "SignContext")]
    pub type SignContextArg;
    /// `NormalizeOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "NormalizeOptions")]
    pub type NormalizeOptionsArg;
    /// `ListQuery` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "ListQuery")]
    pub type ListQueryArg;
    /// `PageRequest` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "PageRequest")]
    pub type PageRequestArg;
    /// `ClientOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "ClientOptions")]
    pub type ClientOptionsArg;
    /// `InspectOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "InspectOptions")]
    pub type InspectOptionsArg;
}

/// An optional argument as a plain `JsValue` (`undefined` when absent).
pub fn optional(value: Option<impl Into<JsValue>>) -> JsValue {
    value.map_or(JsValue::UNDEFINED, Into::into)
}
