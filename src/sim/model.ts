// The wire shapes: camelCase OCI field names exactly as the Identity API returns them in JSON
// (timestamps are ISO strings on the wire; the SDK's typings call them Date).

export type FreeformTags = Record<string, string>;
export type DefinedTags = Record<string, Record<string, unknown>>;

export interface SimTenancy {
  id: string;
  name: string;
  description: string;
  homeRegionKey: string;
  freeformTags: FreeformTags;
  definedTags: DefinedTags;
}

export interface SimCompartment {
  id: string;
  compartmentId: string;
  name: string;
  description: string;
  timeCreated: string;
  lifecycleState: 'ACTIVE' | 'DELETED';
  /** false for the "forbidden" compartments: the caller lacks permission inside them. */
  isAccessible: boolean;
  freeformTags: FreeformTags;
  definedTags: DefinedTags;
}

export interface SimTagNamespace {
  id: string;
  compartmentId: string;
  name: string;
  description: string;
  freeformTags: FreeformTags;
  definedTags: DefinedTags;
  isRetired: boolean;
  lifecycleState: 'ACTIVE' | 'INACTIVE';
  timeCreated: string;
}

/** ListTags' TagSummary on the wire, which carries no namespace id. */
export interface SimTagSummary {
  compartmentId: string;
  id: string;
  name: string;
  description: string;
  freeformTags: FreeformTags;
  definedTags: DefinedTags;
  isRetired: boolean;
  lifecycleState: 'ACTIVE' | 'INACTIVE';
  timeCreated: string;
  isCostTracking: boolean;
}

/** The ground-truth form of a tag definition: TagSummary plus the namespace it lives in. */
export interface SimTagDefinition extends SimTagSummary {
  tagNamespaceId: string;
  tagNamespaceName: string;
}

export interface SimTagDefault {
  id: string;
  compartmentId: string;
  tagNamespaceId: string;
  tagDefinitionId: string;
  tagDefinitionName: string;
  value: string;
  timeCreated: string;
  lifecycleState: 'ACTIVE';
  isRequired: boolean;
}

/** Everything generated, plus the indexes the routes need. Built once; never mutated while serving. */
export interface TenancyModel {
  tenancy: SimTenancy;
  userId: string;
  /** Every non-root compartment, DELETED ones included, in listing order (creation time). */
  compartments: SimCompartment[];
  compartmentById: Map<string, SimCompartment>;
  childrenOf: Map<string, SimCompartment[]>;
  tagNamespaces: SimTagNamespace[];
  tagDefinitions: SimTagDefinition[];
  tagDefinitionsByNamespace: Map<string, SimTagDefinition[]>;
  tagDefaults: SimTagDefault[];
  tagDefaultsByCompartment: Map<string, SimTagDefault[]>;
  forbiddenCompartmentIds: Set<string>;
  /** Compartments whose ListTagDefaults never reaches a last page (a server bug a client must survive). */
  loopingPageCompartmentIds: Set<string>;
}
