//! A signature pad: pointer events (mouse, touch and pen) draw smooth
//! strokes; undo removes the last stroke; clear removes all. The ink is
//! exported as a PNG with a transparent background, cropped to the ink.
//!
//! Drawing has keyboard-friendly alternatives (typed or uploaded signature)
//! in the surrounding [`super::signature::SignatureInput`].

use super::state;
use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

type Point = (f64, f64);

const INK: &str = "#0b2a6f";
const LINE_WIDTH_PX: f64 = 2.6;
/// Export resolution relative to CSS pixels, capped by `MAX_EXPORT_WIDTH`.
const EXPORT_SCALE: f64 = 2.0;
const MAX_EXPORT_WIDTH: f64 = 1500.0;

fn context(canvas: &web_sys::HtmlCanvasElement) -> Option<web_sys::CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// Draws strokes as quadratic curves through the midpoints of successive
/// points, which smooths the jitter of pointer sampling.
fn draw_strokes(ctx: &web_sys::CanvasRenderingContext2d, strokes: &[Vec<Point>]) {
    ctx.set_stroke_style_str(INK);
    ctx.set_fill_style_str(INK);
    ctx.set_line_width(LINE_WIDTH_PX);
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    for stroke in strokes {
        let Some(&(x0, y0)) = stroke.first() else {
            continue;
        };
        ctx.begin_path();
        if stroke.len() == 1 {
            let _ = ctx.arc(x0, y0, LINE_WIDTH_PX / 2.0, 0.0, std::f64::consts::TAU);
            ctx.fill();
            continue;
        }
        ctx.move_to(x0, y0);
        for pair in stroke.windows(2).skip(1) {
            let &[(x1, y1), (x2, y2)] = pair else {
                continue;
            };
            ctx.quadratic_curve_to(x1, y1, (x1 + x2) / 2.0, (y1 + y2) / 2.0);
        }
        if let Some(&(xl, yl)) = stroke.last() {
            ctx.line_to(xl, yl);
        }
        ctx.stroke();
    }
}

/// Sizes the canvas backing store to its CSS size times the pixel ratio and
/// redraws everything.
fn redraw(canvas: &web_sys::HtmlCanvasElement, strokes: &[Vec<Point>]) {
    let dpr = window().device_pixel_ratio().max(1.0);
    let (w, h) = (canvas.client_width() as f64, canvas.client_height() as f64);
    let (bw, bh) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    if canvas.width() != bw || canvas.height() != bh {
        canvas.set_width(bw);
        canvas.set_height(bh);
    }
    let Some(ctx) = context(canvas) else { return };
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, w, h);
    draw_strokes(&ctx, strokes);
}

/// The ink as a PNG data URL, cropped to its bounding box; `None` if empty.
fn export_png(strokes: &[Vec<Point>]) -> Option<String> {
    let points = strokes.iter().flatten();
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in points {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    if x0 > x1 {
        return None;
    }
    let margin = LINE_WIDTH_PX;
    let (x0, y0) = (x0 - margin, y0 - margin);
    let (w, h) = (x1 + margin - x0, y1 + margin - y0);
    let scale = EXPORT_SCALE.min(MAX_EXPORT_WIDTH / w);
    let canvas: web_sys::HtmlCanvasElement =
        document().create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width((w * scale).ceil().max(1.0) as u32);
    canvas.set_height((h * scale).ceil().max(1.0) as u32);
    let ctx = context(&canvas)?;
    let _ = ctx.set_transform(scale, 0.0, 0.0, scale, -x0 * scale, -y0 * scale);
    draw_strokes(&ctx, strokes);
    canvas.to_data_url_with_type("image/png").ok()
}

#[component]
pub fn SignaturePad(
    /// DOM id of the canvas.
    id: String,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let s = state();
    let canvas_ref = NodeRef::<Canvas>::new();
    let strokes = StoredValue::new(Vec::<Vec<Point>>::new());
    let drawing = StoredValue::new(false);
    // Counts strokes, to drive the buttons' disabled state.
    let count = RwSignal::new(0usize);

    let with_canvas = move |f: &dyn Fn(&web_sys::HtmlCanvasElement)| {
        if let Some(c) = canvas_ref.get_untracked() {
            f(&c);
        }
    };
    let publish = move || {
        let png = strokes.with_value(|s| export_png(s)).unwrap_or_default();
        count.set(strokes.with_value(Vec::len));
        on_change.run(png);
    };
    let point = |ev: &web_sys::PointerEvent| (ev.offset_x() as f64, ev.offset_y() as f64);

    Effect::new(move |_| {
        if let Some(c) = canvas_ref.get() {
            strokes.with_value(|s| redraw(&c, s));
        }
    });

    let saved_only = move || count.get() == 0 && !value.get().is_empty();
    view! {
        <div class="pad">
            <canvas
                id=id
                node_ref=canvas_ref
                class="pad-canvas"
                role="img"
                aria-label=move || s.t("pad.label")
                on:pointerdown=move |ev| {
                    ev.prevent_default();
                    with_canvas(&|c| {
                        let _ = c.set_pointer_capture(ev.pointer_id());
                        drawing.set_value(true);
                        strokes.update_value(|s| s.push(vec![point(&ev)]));
                        strokes.with_value(|s| redraw(c, s));
                    });
                    count.set(strokes.with_value(Vec::len));
                }
                on:pointermove=move |ev| {
                    if !drawing.get_value() { return; }
                    ev.prevent_default();
                    with_canvas(&|c| {
                        strokes.update_value(|s| if let Some(last) = s.last_mut() { last.push(point(&ev)) });
                        strokes.with_value(|s| redraw(c, s));
                    });
                }
                on:pointerup=move |_| {
                    if drawing.get_value() {
                        drawing.set_value(false);
                        publish();
                    }
                }
                on:pointercancel=move |_| {
                    if drawing.get_value() {
                        drawing.set_value(false);
                        publish();
                    }
                }
            ></canvas>
            {move || saved_only().then(|| view! {
                <img class="pad-saved" src=value.get() alt=move || s.t("pad.saved_alt")/>
            })}
            <p class="hint">{move || if saved_only() { s.t("pad.saved_hint") } else { s.t("pad.hint") }}</p>
            <div class="pad-actions">
                <button type="button" class="secondary"
                    disabled=move || count.get() == 0
                    on:click=move |_| {
                        strokes.update_value(|s| { s.pop(); });
                        with_canvas(&|c| strokes.with_value(|s| redraw(c, s)));
                        publish();
                    }>
                    {move || s.t("pad.undo")}
                </button>
                <button type="button" class="secondary"
                    disabled=move || count.get() == 0 && value.get().is_empty()
                    on:click=move |_| {
                        strokes.update_value(Vec::clear);
                        with_canvas(&|c| strokes.with_value(|s| redraw(c, s)));
                        publish();
                    }>
                    {move || s.t("pad.clear")}
                </button>
            </div>
        </div>
    }
}
