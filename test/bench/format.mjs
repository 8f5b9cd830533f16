// How the report prints a summary (median (p25–p75)) and a verdict.
export const fmt = (s, d = 2) => `${s.median.toFixed(d)} (${s.p25.toFixed(d)}–${s.p75.toFixed(d)})`
export const verdict = (ok) => (ok ? 'met' : '**not met**')
