import { makeStyles } from '@material-ui/core/styles';
import { ReactNode, useEffect, useRef, useState } from 'react';

const useStyles = makeStyles({
  placeholder: { minHeight: 200 },
});

/** Start rendering a little before the content scrolls into view. */
const MARGIN = '300px';

/**
 * Renders its children once they come near the viewport. Content far below
 * the fold (tables, charts) then costs nothing while the user reads and
 * clicks what is on screen. Without IntersectionObserver it renders at once.
 */
export function DeferUntilVisible(props: { children: ReactNode }) {
  const classes = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(
    () => typeof IntersectionObserver === 'undefined',
  );

  useEffect(() => {
    const element = ref.current;
    if (visible || !element) return undefined;
    const observer = new IntersectionObserver(
      entries => {
        if (entries.some(entry => entry.isIntersecting)) {
          setVisible(true);
          observer.disconnect();
        }
      },
      { rootMargin: MARGIN },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);

  return (
    <div ref={ref} className={visible ? undefined : classes.placeholder}>
      {visible && props.children}
    </div>
  );
}
