//! The embeddable widget: what intranet pages put in an `<iframe>` or an element.
//!
//! * [`options`]: the embed options (query string or `data-` attributes), pure and tested;
//! * [`protocol`]: the messages exchanged with the host page, pure and tested;
//! * [`bridge`]: sends and receives those messages (postMessage, DOM events, height);
//! * [`inflate`]: reads a share link with the browser's inflater;
//! * [`snippet`]: the code the app's embed dialog offers to paste, pure and tested;
//! * [`widget`]: the component, one scenario with the controls the page chose;
//! * [`mount`]: finds `[data-cofund]` elements and mounts a widget in each one's shadow root.

pub mod bridge;
pub mod inflate;
pub mod mount;
pub mod options;
pub mod protocol;
pub mod snippet;
pub mod widget;

pub use mount::mount_all;
