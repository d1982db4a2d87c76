import { Box, Typography, useTheme } from '@mui/material';
import { useId } from 'react';
import { useTranslate } from 'react-admin';
import { barShares, type Bar } from './chartData';

const ROW = 26;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 70;
const WIDTH = 560;

/**
 * A horizontal bar chart in plain SVG (no chart library): the figure caption names it, the SVG is one image
 * whose description reads every bar ("5月: 5件"), so a screen reader gets the same figures as the eye.
 */
export function BarChart({ title, bars, max, unit, testId }: { title: string; bars: readonly Bar[]; max?: number; unit: string; testId?: string }) {
  const translate = useTranslate();
  const theme = useTheme();
  const captionId = useId();
  const descId = useId();
  const shares = barShares(bars, max);
  const label = (bar: Bar) => translate(bar.label, { _: bar.label });
  const value = (bar: Bar) => (bar.suppressed ? '＊' : `${bar.value}${unit}`);
  const height = bars.length * ROW + 8;
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  return (
    <Box component="figure" sx={{ m: 0, my: 1 }} data-chart={testId}>
      <Typography component="figcaption" id={captionId} variant="subtitle1" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <svg role="img" aria-labelledby={captionId} aria-describedby={descId} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: WIDTH }}>
        <desc id={descId}>{bars.map((bar) => `${label(bar)}: ${value(bar)}`).join('、')}</desc>
        {bars.map((bar, index) => {
          const y = index * ROW + 4;
          const length = Math.round(shares[index] * barSpace);
          return (
            <g key={bar.key} data-bar={bar.key}>
              <text x={LABEL_WIDTH - 8} y={y + ROW / 2 + 4} textAnchor="end" fontSize="13" fill={theme.palette.text.primary}>
                {label(bar)}
              </text>
              <rect x={LABEL_WIDTH} y={y + 3} width={Math.max(length, bar.value > 0 ? 2 : 0)} height={ROW - 8} fill={theme.palette.primary.main} rx="2" />
              <text x={LABEL_WIDTH + length + 6} y={y + ROW / 2 + 4} fontSize="13" fill={theme.palette.text.primary}>
                {value(bar)}
              </text>
            </g>
          );
        })}
      </svg>
    </Box>
  );
}
