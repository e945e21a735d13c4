/**
 * A tiny line of values (ROI per quarter), as inline SVG: no chart library for a glyph. Missing values
 * (no spend that quarter) break the line; the label says every value for assistive technology and the tooltip.
 */
export function Sparkline({
  values,
  label,
  width = 72,
  height = 20,
}: {
  values: (number | null)[];
  label: string;
  width?: number;
  height?: number;
}) {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return <span className="text-slate-400">—</span>;
  const [min, max] = [Math.min(0, ...known), Math.max(0, ...known)];
  const span = max - min || 1;
  const x = (i: number) => (values.length === 1 ? width / 2 : (i * (width - 4)) / (values.length - 1) + 2);
  const y = (v: number) => height - 2 - ((v - min) / span) * (height - 4);
  const segments: string[] = [];
  values.forEach((v, i) => {
    if (v === null) return;
    segments.push(`${i > 0 && values[i - 1] !== null ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  const last = values.at(-1);
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="inline-block align-middle">
      <title>{label}</title>
      <line x1={0} x2={width} y1={y(0)} y2={y(0)} className="stroke-slate-200" strokeWidth={1} />
      <path d={segments.join(' ')} fill="none" className="stroke-indigo-600" strokeWidth={1.5} />
      {values.map(
        (v, i) =>
          v !== null && (
            <circle
              key={i}
              cx={x(i)}
              cy={y(v)}
              r={i === values.length - 1 ? 2.5 : 1.5}
              className={last !== null && i === values.length - 1 ? 'fill-indigo-700' : 'fill-indigo-500'}
            />
          ),
      )}
    </svg>
  );
}
