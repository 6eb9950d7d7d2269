// The official partial bundles of the same plotly release (plotly-loader.ts): the API of the full
// bundle (declared in src/types/plotly.d.ts), fewer trace types.
declare module 'plotly.js-cartesian-dist-min' {
  import Plotly from 'plotly.js-dist-min';
  export default Plotly;
}
declare module 'plotly.js-gl3d-dist-min' {
  import Plotly from 'plotly.js-dist-min';
  export default Plotly;
}
