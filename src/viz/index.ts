/**
 * Drawing primitives: each takes finished arrays and returns an element it updates in place,
 * with a plain-English `summary()` for screen readers. No model code, no global state; the
 * document is injectable, so every primitive renders in jsdom.
 */
export { lineChart } from './lineChart';
export type { LineChart, LineChartOptions, LineChartData, SeriesOptions } from './lineChart';
export { histogram } from './histogram';
export type { Histogram, HistogramOptions, HistogramBin } from './histogram';
export { heatmap } from './heatmap';
export type { Heatmap, HeatmapOptions, Matrix } from './heatmap';
export { digitCanvas } from './digitCanvas';
export type { DigitCanvas, DigitCanvasOptions } from './digitCanvas';
export { imageGrid, splitImages } from './imageGrid';
export type { ImageGrid, ImageGridOptions } from './imageGrid';
export { toRGBA, paintImage, imageDomain } from './pixels';
export type { ImageStyle } from './pixels';
export { describeData, dataTables } from './dataTable';
export type { DataTable, Cell as DataCell } from './dataTable';
export { toSVGString, toPNGBlob, canExportPNG, downloadBlob, svgBlob } from './export';
export { frameThrottle } from './frameThrottle';
export type { FrameThrottle, RequestFrame, CancelFrame } from './frameThrottle';
export { formatPercent, formatInteger, formatSci, formatFixed, formatNumber, formats } from './format';
export type { Format, FormatName } from './format';
export { colorMaps, seriesColor, seriesDash, textColor, okabeIto, interpolateStops } from './palette';
export type { ColorMap, ColorMapName, RGB } from './palette';
export type { Domain } from './domain';
export type { ChartOptions, Margin } from './svg';
