const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/intake'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
      // The 帳票 font beside main.js (libs/util/pdf-forms looks in ./fonts): the runtime image installs only what the
      // bundle imports, and the font package is read from disk, never imported.
      assets: [
        { input: 'node_modules/@expo-google-fonts/noto-sans-jp/400Regular', glob: 'NotoSansJP_400Regular.ttf', output: 'fonts' },
        { input: 'node_modules/@expo-google-fonts/noto-sans-jp/700Bold', glob: 'NotoSansJP_700Bold.ttf', output: 'fonts' },
        { input: 'node_modules/@expo-google-fonts/noto-sans-jp', glob: 'LICENSE_FONT', output: 'fonts' },
      ],
    }),
  ],
};
