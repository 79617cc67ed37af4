// The GEXF writer alone: `graphology-gexf/browser` also loads a parser that needs DOMParser at
// import time, which breaks Node and workers.
declare module 'graphology-gexf/common/writer.js' {
  import type { AbstractGraph, Attributes } from 'graphology-types';
  export default function write(
    graph: AbstractGraph,
    options?: {
      formatNode?: (
        key: string,
        attributes: Attributes,
      ) => { label?: string; attributes?: Attributes };
      formatEdge?: (
        key: string,
        attributes: Attributes,
      ) => { label?: string; attributes?: Attributes };
      pretty?: boolean;
      version?: string;
    },
  ): string;
}
