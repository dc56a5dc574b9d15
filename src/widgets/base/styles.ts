/** The widget chrome's styles, in cascade order: later files override earlier ones (narrow screens, projector). */
import './widget.css';
import './controls.css';
import './touch.css';
import './projector.css';
import './stats.css';
