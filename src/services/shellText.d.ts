/** A `.sh` file imported `with { type: 'text' }`: its text. */
declare module '*.sh' {
  const text: string;
  export default text;
}
