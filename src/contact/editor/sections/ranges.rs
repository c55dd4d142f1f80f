//! The ranges of one day (or one special date): from–to pairs, added and removed. Both times of
//! a range share its one message; an end before the start runs past midnight, and says so.

use crate::contact::editor::draft::{Issues, field_id};
use crate::i18n::use_i18n;
use crate::ui::{DateInput, FieldLayout, FormField, Model};
use leptos::prelude::*;
use vitrina_core::api::TimeRange;
use vitrina_core::contact::schedule::parse_time;

/// Whether a range ends on the next day (an end at or before its start, other than midnight).
fn runs_overnight(range: &TimeRange) -> bool {
    let (Some(start), Some(end)) = (parse_time(&range.start), parse_time(&range.end)) else { return false };
    end <= start && end != 0
}

/// One time of the `i`-th range.
fn time(ranges: Model<Vec<TimeRange>>, i: usize, start: bool) -> Model<String> {
    Model::new(
        move || ranges.with(|all| all.get(i).map(|r| if start { r.start.clone() } else { r.end.clone() }).unwrap_or_default()),
        move |value| {
            ranges.update(|all| {
                if let Some(range) = all.get_mut(i) {
                    if start { range.start = value } else { range.end = value }
                }
            })
        },
    )
}

/// A day's ranges with a button to add one.
#[component]
pub(super) fn RangesEditor(
    /// The list's field path (`hours.mon`, `overrides.0.ranges`); a range is `{path}.{i}`.
    #[prop(into)]
    path: String,
    /// The day's name, for the labels.
    #[prop(into)]
    day: Signal<String>,
    /// The ranges in the draft.
    ranges: Model<Vec<TimeRange>>,
    issues: Issues,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = Memo::new(move |_| ranges.with(Vec::len));
    let add_id = field_id(&path);
    let list_path = path.clone();
    let numbered =
        move |key: &'static str, i: usize| Signal::derive(move || i18n.tf(key, &[("day", &day.get()), ("n", &(i + 1).to_string())]));
    // The list's own message (too many ranges) is the group's; the summary links to the button.
    view! {
        <FormField id=add_id.clone() layout=FieldLayout::Group class="ranges" error=issues.signal(path)>
            <ul class="ranges__list">
                <For each=move || 0..count.get() key=|i| *i let:i>
                    {
                        let field = format!("{list_path}.{i}");
                        let start_id = field_id(&field);
                        let overnight = move || ranges.with(|all| all.get(i).is_some_and(runs_overnight));
                        view! {
                            <li>
                                <FormField id=start_id.clone() layout=FieldLayout::Group class="ranges__row" error=issues.signal(field.clone())
                                    on_blur=issues.touched.on_blur(field)>
                                    <DateInput input_type="time" class="ranges__time" value=time(ranges, i, true) label=numbered("editor.range.from", i)/>
                                    <span aria-hidden="true">"–"</span>
                                    <DateInput input_type="time" class="ranges__time" id=format!("{start_id}-end") value=time(ranges, i, false)
                                        label=numbered("editor.range.to", i)/>
                                    {move || overnight().then(|| view! { <span class="muted ranges__overnight">{i18n.t("editor.range.overnight")}</span> })}
                                    <button type="button" class="button button--link"
                                        on:click=move |_| ranges.update(|r| { if i < r.len() { r.remove(i); } })
                                        aria-label=numbered("editor.range.remove_label", i)>
                                        {i18n.text("editor.range.remove")}
                                    </button>
                                </FormField>
                            </li>
                        }
                    }
                </For>
            </ul>
            {move || (count.get() == 0).then(|| view! { <span class="muted">{i18n.t("editor.range.none")}</span> })}
            <button type="button" class="button button--link" id=add_id
                aria-label=move || i18n.tf("editor.range.add_label", &[("day", &day.get())])
                on:click=move |_| ranges.update(|r| r.push(TimeRange::new("09:00", "18:00")))>
                {i18n.text("editor.range.add")}
            </button>
        </FormField>
    }
}
