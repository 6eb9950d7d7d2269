import { useEffect, useRef, useState } from 'react';
import { setClusterName } from '../../store/model-actions';

/**
 * A segment's name. The suggested name is the field's real value (the one the charts and exports
 * use), not a placeholder: typing replaces it, emptying the field brings it back. Typing stays local (so the charts do not redraw on every key); the name is
 * stored 400 ms after the last key, on Enter and on leaving the field.
 */
export function NameInput({
  k,
  cluster,
  id,
  value,
  placeholder,
}: {
  k: number;
  cluster: number;
  id: number;
  value: string;
  placeholder: string;
}) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => setText(value), [value]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const commit = (t: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (t !== value) setClusterName(k, cluster, t);
  };
  return (
    <input
      type="text"
      className="name-input"
      aria-label={`Name of segment ${id}`}
      placeholder={placeholder}
      value={text}
      maxLength={80}
      onChange={(e) => {
        const t = e.currentTarget.value;
        setText(t);
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(t), 400);
      }}
      onBlur={() => {
        commit(text);
        if (text.trim() === '') setText(value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(text);
      }}
    />
  );
}
