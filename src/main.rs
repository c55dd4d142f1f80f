//! Entry point: mounts the app over the static shell in `index.html`.

fn main() {
    vitrina::start();
}
