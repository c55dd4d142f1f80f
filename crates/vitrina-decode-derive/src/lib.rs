//! `#[derive(Decode)]`: decoding of the contract types from `vitrina_core::json::Value`, without
//! serde's generic visitors (which the app pays for in size once per type and format).
//!
//! It reads the type's own `#[serde(...)]` attributes, so the two decoders cannot disagree about
//! a name or a default: `rename_all` (`snake_case`, `lowercase`), `rename`, `default` (on the
//! container and on fields, also `default = "path"`), `other` and `transparent`. Attributes that
//! only concern serialising (`skip_serializing_if`) are ignored; any other is refused at compile
//! time rather than decoded differently.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as Tokens};
use quote::quote;
use syn::{Data, DeriveInput, Fields, Ident, LitStr, parse_macro_input, spanned::Spanned};

#[proc_macro_derive(Decode)]
pub fn derive_decode(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input).unwrap_or_else(syn::Error::into_compile_error).into()
}

/// What the serde attributes on one item (container, field or variant) say.
#[derive(Default)]
struct Attrs {
    rename_all: Option<String>,
    rename: Option<String>,
    default: Option<Option<syn::Path>>,
    other: bool,
    transparent: bool,
}

fn attrs(list: &[syn::Attribute]) -> syn::Result<Attrs> {
    let mut out = Attrs::default();
    for attr in list.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            let key = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
            match key.as_str() {
                "rename_all" => out.rename_all = Some(meta.value()?.parse::<LitStr>()?.value()),
                "rename" => out.rename = Some(meta.value()?.parse::<LitStr>()?.value()),
                "default" => {
                    out.default = Some(if meta.input.peek(syn::Token![=]) {
                        Some(meta.value()?.parse::<LitStr>()?.parse::<syn::Path>()?)
                    } else {
                        None
                    })
                }
                "other" => out.other = true,
                "transparent" => out.transparent = true,
                "skip_serializing_if" => {
                    meta.value()?.parse::<LitStr>()?;
                }
                _ => return Err(meta.error(format!("#[derive(Decode)] does not know #[serde({key})]"))),
            }
            Ok(())
        })?;
    }
    Ok(out)
}

/// The name an identifier travels under, by the container's `rename_all` (serde's rules: both
/// rules leave a field's name as written, and change a variant's).
fn wire_name(ident: &Ident, rename_all: Option<&str>, is_field: bool, span: Span) -> syn::Result<String> {
    let name = ident.to_string();
    let name = name.strip_prefix("r#").unwrap_or(&name).to_owned();
    match rename_all {
        None => Ok(name),
        Some("lowercase" | "snake_case") if is_field => Ok(name),
        Some("lowercase") => Ok(name.to_ascii_lowercase()),
        Some("snake_case") => {
            let mut out = String::new();
            for (i, c) in name.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
            }
            Ok(out)
        }
        Some(other) => Err(syn::Error::new(span, format!("#[derive(Decode)] does not know rename_all = \"{other}\""))),
    }
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let container = attrs(&input.attrs)?;
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let body = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
                // A newtype: serde reads its one value directly, with or without `transparent`.
                quote! { ::core::result::Result::Ok(#name(::vitrina_core::json::Decode::decode(value)?)) }
            }
            Fields::Named(fields) => {
                if container.transparent {
                    return Err(syn::Error::new(
                        input.span(),
                        "#[derive(Decode)]: transparent structs with named fields are not supported",
                    ));
                }
                let count = fields.named.len();
                let type_name = name.to_string();
                let mut lines = Vec::new();
                for (index, field) in fields.named.iter().enumerate() {
                    let field_attrs = attrs(&field.attrs)?;
                    let ident = field.ident.as_ref().ok_or_else(|| syn::Error::new(field.span(), "a named field"))?;
                    let wire = match &field_attrs.rename {
                        Some(rename) => rename.clone(),
                        None => wire_name(ident, container.rename_all.as_deref(), true, field.span())?,
                    };
                    let ty = &field.ty;
                    let read = match (&field_attrs.default, &container.default) {
                        (Some(Some(path)), _) => quote! { fields.or_else::<#ty>(#index, #wire, #path)? },
                        (Some(None), _) => quote! { fields.or_else::<#ty>(#index, #wire, ::core::default::Default::default)? },
                        // The container's default, made once (below): each absent field takes its own.
                        (None, Some(_)) => quote! { fields.or_value::<#ty>(#index, #wire, __default.#ident)? },
                        (None, None) => quote! { fields.required::<#ty>(#index, #wire)? },
                    };
                    lines.push(quote! { #ident: #read });
                }
                let default = match &container.default {
                    Some(Some(path)) => quote! { let __default: Self = #path(); },
                    Some(None) => quote! { let __default = <Self as ::core::default::Default>::default(); },
                    None => quote! {},
                };
                quote! {
                    let fields = ::vitrina_core::json::Fields::of(value, #type_name, #count)?;
                    #default
                    ::core::result::Result::Ok(#name { #(#lines,)* })
                }
            }
            _ => return Err(syn::Error::new(input.span(), "#[derive(Decode)]: only structs with named fields or one unnamed field")),
        },
        Data::Enum(data) => {
            let type_name = name.to_string();
            let mut arms = Vec::new();
            let mut fallback = None;
            let mut names = Vec::new();
            for variant in &data.variants {
                if !matches!(variant.fields, Fields::Unit) {
                    return Err(syn::Error::new(variant.span(), "#[derive(Decode)]: only enums of unit variants"));
                }
                let variant_attrs = attrs(&variant.attrs)?;
                let ident = &variant.ident;
                let wire = match &variant_attrs.rename {
                    Some(rename) => rename.clone(),
                    None => wire_name(ident, container.rename_all.as_deref(), false, variant.span())?,
                };
                if variant_attrs.other {
                    fallback = Some(quote! { _ => ::core::result::Result::Ok(#name::#ident) });
                }
                arms.push(quote! { #wire => ::core::result::Result::Ok(#name::#ident) });
                names.push(wire);
            }
            let fallback = fallback.unwrap_or_else(|| {
                let expected = names.join(", ");
                quote! { other => ::core::result::Result::Err(::vitrina_core::json::DecodeError::unknown_variant(other, #expected)) }
            });
            quote! {
                match ::vitrina_core::json::variant(value, #type_name)? {
                    #(#arms,)*
                    #fallback,
                }
            }
        }
        Data::Union(_) => return Err(syn::Error::new(input.span(), "#[derive(Decode)]: unions are not decoded")),
    };
    Ok(quote! {
        impl #impl_generics ::vitrina_core::json::Decode for #name #ty_generics #where_clause {
            fn decode(value: &::vitrina_core::json::Value) -> ::core::result::Result<Self, ::vitrina_core::json::DecodeError> {
                #body
            }
        }
    })
}
