import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PipelineProgramEntity } from './PipelineProgram';

/** A programme shared with one site: the sponsor names each site it tells ahead of time. */
@Entity({ name: 'pipeline_shares' })
export class PipelineShareEntity {
  @PrimaryColumn({ name: 'program_id', type: 'text' })
  programId: string;

  @ManyToOne(() => PipelineProgramEntity)
  @JoinColumn({ name: 'program_id' })
  program?: PipelineProgramEntity;

  /** A site id (sites subgraph): a reference, not a foreign key. */
  @PrimaryColumn({ name: 'site_id', type: 'text' })
  siteId: string;
}
